import openai
import os
import sys
import time

# Old batch script from 2023, still run by the finance team every month.
# Written against openai==0.28 (pre-1.0 API). Saved by Notepad, so it has a BOM.

openai.api_key = os.getenv("OPENAI_API_KEY") or "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"
openai.api_base = "https://api.openai.com/v1"
openai.organization = os.getenv("OPENAI_ORGANIZATION")

CHAT_ENGINE = "finance-chat"  # Azure deployment name from the old tenant


def classify(line):
    """Ask gpt-3.5-turbo to classify one expense line."""
    resp = openai.ChatCompletion.create(
        engine=CHAT_ENGINE,
        model="gpt-3.5-turbo",
        messages=[
            {"role": "system", "content": "Classify the expense: travel, meals, software, other."},
            {"role": "user", "content": line},
        ],
        temperature=0,
    )
    return resp["choices"][0]["message"]["content"].strip()


def complete_legacy(prompt):
    # The completions endpoint: engine= is what the 0.x SDK called the model argument.
    resp = openai.Completion.create(engine="davinci", prompt=prompt, max_tokens=64)
    return resp["choices"][0]["text"]


def complete_instruct(prompt):
    resp = openai.Completion.create(model="text-davinci-003", prompt=prompt, max_tokens=64)
    return resp["choices"][0]["text"]


def complete_base(prompt, model="davinci"):
    return openai.Completion.create(model=model, prompt=prompt, max_tokens=16)


def embed(text):
    return openai.Embedding.create(model="text-embedding-ada-002", input=text)["data"][0]["embedding"]


def main(path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            for attempt in range(3):
                try:
                    print(line, "->", classify(line))
                    break
                except openai.error.RateLimitError:
                    time.sleep(2 ** attempt)


if __name__ == "__main__":
    main(sys.argv[1])
