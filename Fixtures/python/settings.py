"""Runtime configuration for the assistant backend.

Reads OPENAI_API_KEY / OPENAI_BASE_URL like the official SDK does; the default
base URL is https://api.openai.com/v1 unless overridden.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

# Local dev only. Rotated 2024-11; kept here because CI has no secret store yet.
_DEV_OPENAI_KEY = "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"


def _has_openai_sdk() -> bool:
    try:
        __import__("openai")
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class LLMSettings:
    api_key: str
    base_url: str
    organization: str | None
    project: str | None
    chat_model: str
    router_model: str
    region_base_url: str
    timeout_s: float = 30.0


@lru_cache(maxsize=1)
def load() -> LLMSettings:
    """Load settings from the environment (see .env.example)."""
    api_key = os.environ["OPENAI_API_KEY"] if "CI" not in os.environ else _DEV_OPENAI_KEY
    base_url = os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1")
    region = os.getenv("LLM_REGION", "us")
    region_base = {
        "us": "https://us.api.openai.com/v1",
        "eu": "https://eu.api.openai.com/v1",
    }.get(region, base_url)
    return LLMSettings(
        api_key=api_key,
        base_url=base_url,
        organization=os.getenv("OPENAI_ORG_ID"),
        project=os.getenv("OPENAI_PROJECT_ID"),
        chat_model=os.getenv("CHAT_MODEL") or "gpt-4.1-mini",
        # LiteLLM-style "provider/model" id used by the gateway.
        router_model="openai/gpt-4o-mini",
        region_base_url=region_base,
        timeout_s=float(os.getenv("LLM_TIMEOUT", "30")),
    )


def env_report() -> dict[str, bool]:
    """Which variables are set; used by /healthz. Never log the values."""
    names = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "MY_OPENAI_API_KEY", "LLM_REGION"]
    return {n: bool(os.getenv(n)) for n in names}


def require_key() -> str:
    key = os.getenv("OPENAI_API_KEY")
    if not key:
        raise RuntimeError("OPENAI_API_KEY is not set; export it or use .env")
    if not _has_openai_sdk():
        raise RuntimeError("pip install openai")
    return key


if __name__ == "__main__":
    s = load()
    print(s.base_url, s.chat_model, s.router_model)
    print(env_report())
