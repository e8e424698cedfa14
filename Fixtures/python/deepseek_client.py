"""LLM client after the 2025 migration.

We moved off OpenAI (gpt-4o / text-embedding-3-small at api.openai.com) to
DeepSeek for chat and Qwen (DashScope) for embeddings. The openai package is
kept only as the HTTP client for these OpenAI-compatible endpoints.
"""

from __future__ import annotations

import os

from openai import OpenAI

# 原来用的是 gpt-4o，已迁移到 deepseek-chat。
DEEPSEEK_BASE_URL = "https://api.deepseek.com"
DASHSCOPE_BASE_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"

CHAT_MODEL = "deepseek-chat"
REASONER_MODEL = "deepseek-reasoner"
EMBED_MODEL = "text-embedding-v3"
FALLBACK_MODEL = "qwen-max"

# Throwaway key for the local mock server (DeepSeek format: sk- + 32 hex).
MOCK_KEY = "sk-2a2bf0f4b4239e63aee0bb18b08e0fcd"


def chat_client() -> OpenAI:
    return OpenAI(
        api_key=os.environ.get("DEEPSEEK_API_KEY", MOCK_KEY),
        base_url=os.getenv("DEEPSEEK_BASE_URL", DEEPSEEK_BASE_URL),
    )


def embed_client() -> OpenAI:
    return OpenAI(api_key=os.environ["DASHSCOPE_API_KEY"], base_url=DASHSCOPE_BASE_URL)


def chat(prompt: str, think: bool = False) -> str:
    """Single-turn chat. Replaces the old gpt-4o call; OPENAI_API_KEY is no longer read."""
    resp = chat_client().chat.completions.create(
        model=REASONER_MODEL if think else CHAT_MODEL,
        messages=[{"role": "user", "content": prompt}],
        stream=False,
    )
    return resp.choices[0].message.content or ""


def embed(texts: list[str]) -> list[list[float]]:
    resp = embed_client().embeddings.create(model=EMBED_MODEL, input=texts, dimensions=1024)
    return [d.embedding for d in resp.data]


def chat_with_fallback(prompt: str) -> str:
    try:
        return chat(prompt)
    except Exception:
        resp = embed_client().chat.completions.create(
            model=FALLBACK_MODEL,
            messages=[{"role": "user", "content": prompt}],
        )
        return resp.choices[0].message.content or ""


if __name__ == "__main__":
    print(chat("用一句话介绍你自己"))
