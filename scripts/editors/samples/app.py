# 模型 gpt-4o: a comment, never reported
from openai import OpenAI

greeting = "你好🙂"; MODEL = "gpt-4o"
client = OpenAI(base_url="https://api.openai.com/v1")
