# Copied verbatim from the OpenAI Cookbook ("How to stream completions", MIT).
# Reference only: not imported by the service, kept to diff outputs during the
# DeepSeek migration. Do not lint.
# homeport: ignore-file

import os
import time

import openai
from openai import OpenAI

client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY", "<your OpenAI API key if not set as env var>"))

start_time = time.time()

response = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Count to 100, with a comma between each number and no newlines. E.g., 1, 2, 3, ..."}],
    temperature=0,
    stream=True,
)

collected_chunks = []
collected_messages = []
for chunk in response:
    chunk_time = time.time() - start_time
    collected_chunks.append(chunk)
    chunk_message = chunk.choices[0].delta.content
    collected_messages.append(chunk_message)
    print(f"Message received {chunk_time:.2f} seconds after request: {chunk_message}")

print(f"Full response received {chunk_time:.2f} seconds after request")
collected_messages = [m for m in collected_messages if m is not None]
full_reply_content = "".join(collected_messages)
print(f"Full conversation received: {full_reply_content}")

# Same request with the reasoning model and the raw endpoint.
resp = client.chat.completions.create(model="o1", messages=[{"role": "user", "content": "2+2?"}])
print(resp.choices[0].message.content)
print("Endpoint:", "https://api.openai.com/v1/chat/completions")
print("SDK version:", openai.__version__)
