"""Token counting and context-window budgeting.

tiktoken ships the BPE tables offline; gpt-4o uses o200k_base, older models
(gpt-3.5-turbo, text-embedding-ada-002) use cl100k_base.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tiktoken

# Context windows in tokens, keyed by the model id we send.
CONTEXT_WINDOW = {
    "gpt-4o": 128_000,
    "gpt-4o-mini": 128_000,
    "gpt-4-turbo": 128_000,
    "gpt-3.5-turbo-0125": 16_385,
}

# Anything matching this is billed at the "large model" rate.
LARGE_MODEL_RE = re.compile(r"^(gpt-4o|gpt-4-turbo)(-\d{4}-\d{2}-\d{2})?$")

# Sentinel used by the CSV export; unrelated to any model.
EXPORT_FLAGS = {"ada": True, "o1": False}


@lru_cache(maxsize=16)
def encoder_for(model: str) -> tiktoken.Encoding:
    """Return the encoding for `model`, falling back to o200k_base."""
    try:
        return tiktoken.encoding_for_model(model)
    except KeyError:
        return tiktoken.get_encoding("o200k_base")


def count_messages(messages: list[dict[str, str]], model: str = "gpt-4o") -> int:
    """Approximate the chat-format overhead (3 tokens per message + 3 for reply priming)."""
    enc = encoder_for(model)
    total = 3
    for m in messages:
        total += 3
        for value in m.values():
            total += len(enc.encode(value))
    return total


def fits(messages: list[dict[str, str]], model: str, reserve: int = 1024) -> bool:
    window = CONTEXT_WINDOW.get(model, 8_192)
    return count_messages(messages, model) + reserve <= window


def trim_history(messages: list[dict[str, str]], model: str) -> list[dict[str, str]]:
    """Drop the oldest non-system turns until the conversation fits."""
    kept = list(messages)
    while len(kept) > 2 and not fits(kept, model):
        del kept[1]
    return kept


def is_large(model: str) -> bool:
    return bool(LARGE_MODEL_RE.match(model))


if __name__ == "__main__":
    demo = [{"role": "user", "content": "你好" * 100}]
    print(count_messages(demo), fits(demo, "gpt-3.5-turbo"))
