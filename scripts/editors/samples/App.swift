// 你好 gpt-4o: a comment, never reported
import OpenAI

let greeting = "你好🙂"; let model = "gpt-4o"
