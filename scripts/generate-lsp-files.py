#!/usr/bin/env python3
"""generate-lsp-files.py — the generated 5,000-line Python modules of the bench (LSP and per-file cost).

Usage:
  scripts/generate-lsp-files.py OUT_DIR [--lines N]

Writes three realistic service modules of N lines (default 5,000), deterministic (no randomness,
no clock), into OUT_DIR:
  dense.py   an OpenAI-heavy client module: every handler builds its request with a model name,
             reads OPENAI_* settings, some construct clients with an api.openai.com base URL —
             about 900 Homeport findings (the shape of issue 21's 905-finding file);
  sparse.py  the same code shape (dataclasses, handlers, retries, logging, parsing) with the
             provider calls behind one adapter: about 10 findings;
  clean.py   sparse.py without its leftovers: no finding (the per-byte cost of the full path).
dense.py and sparse.py share every line but the provider-specific ones, so their latency difference is the
cost of the findings. Prints one line per file: path, lines, bytes.

Python 3.11 standard library only.
"""

import argparse
import os
import sys

MODELS = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "gpt-4-turbo", "text-embedding-3-small",
          "gpt-3.5-turbo", "o1", "gpt-4.1-mini", "whisper-1"]
NEUTRAL = ["support", "billing", "search", "summary", "triage", "routing", "review", "audit",
           "report", "export", "import", "digest", "notify", "classify", "extract", "rank"]

HEADER_DENSE = '''"""Assistant gateway: every product feature that talks to a language model goes through here.

Handlers build chat-completion requests, stream replies, embed documents and moderate input.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

import openai
from openai import AsyncOpenAI, OpenAI

logger = logging.getLogger(__name__)

OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
OPENAI_BASE_URL = os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1")
client = OpenAI(api_key=OPENAI_API_KEY, base_url="https://api.openai.com/v1")
async_client = AsyncOpenAI(api_key=os.getenv("OPENAI_API_KEY"))

'''

HEADER_SPARSE = '''"""Assistant gateway: every product feature that talks to a language model goes through here.

Handlers build requests for the model adapter, stream replies, embed documents and moderate input.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

from .adapter import ModelAdapter

logger = logging.getLogger(__name__)

ADAPTER_URL = os.environ.get("ADAPTER_URL", "http://localhost:8080/v1")
adapter = ModelAdapter(base_url=ADAPTER_URL)

'''


def block(i, dense):
    """One feature: a dataclass, a sync and an async handler, a parser; about 60 lines."""
    name = NEUTRAL[i % len(NEUTRAL)] + str(i)
    cls = "".join(part.capitalize() for part in NEUTRAL[i % len(NEUTRAL)].split("_")) + f"Request{i}"
    m = [MODELS[(i + k) % len(MODELS)] for k in range(6)]
    if dense:
        model_default = f'"{m[0]}"'
        fallback = f'"{m[1]}"'
        call = "client.chat.completions.create"
        acall = "async_client.chat.completions.create"
        env = f'os.environ.get("OPENAI_{name.upper()}_MODEL", "{m[2]}")'
        embed_model = f'"{m[3]}"'
        extra = f'    # Tuned on {m[4]}; {m[5]} was too slow for this path.\n'
        budget = f'    limits = {{"{m[4]}": 128_000, "{m[5]}": 16_385, "{m[0]}": 128_000}}\n'
        candidates = ", ".join(f'"{x}"' for x in m)
    else:
        model_default = f'"{name}-default"'
        fallback = f'"{name}-fallback"'
        call = "adapter.complete"
        acall = "adapter.acomplete"
        env = f'os.environ.get("ADAPTER_{name.upper()}_PROFILE", "{name}-profile")'
        embed_model = f'"{name}-embed"'
        extra = "    # Tuned on production traffic; the slower profile was dropped.\n"
        budget = f'    limits = {{"{name}-default": 128_000, "{name}-fallback": 16_385, "{name}-large": 128_000}}\n'
        candidates = ", ".join(f'"{name}-{k}"' for k in ("a", "b", "c", "d", "e", "f"))
    return f'''

@dataclass
class {cls}:
    """Input of the {name} feature."""

    user_id: str
    prompt: str
    model: str = {model_default}
    temperature: float = 0.{i % 10}
    max_tokens: int = {256 + 32 * (i % 8)}
    tags: list[str] = field(default_factory=list)

    def messages(self) -> list[dict[str, str]]:
        system = "You answer {name} questions for user " + self.user_id
        return [{{"role": "system", "content": system}}, {{"role": "user", "content": self.prompt}}]


def {name}_model() -> str:
{extra}    return {env}


{name.upper()}_CANDIDATES = ({candidates})


def {name}_budget(model: str) -> int:
{budget}    return limits.get(model, 8_192)


def handle_{name}(request: {cls}, retries: int = 3) -> str:
    """Answer one {name} request, falling back to a smaller model on rate limits."""
    model = request.model or {name}_model()
    for attempt in range(retries):
        try:
            started = time.monotonic()
            response = {call}(
                model=model,
                messages=request.messages(),
                temperature=request.temperature,
                max_tokens=min(request.max_tokens, {name}_budget(model)),
            )
            logger.info("{name}: %s in %.2fs", model, time.monotonic() - started)
            return response.choices[0].message.content or ""
        except Exception as error:  # noqa: BLE001 - retried below
            logger.warning("{name}: attempt %d failed: %s", attempt + 1, error)
            model = {fallback}
            time.sleep(0.5 * (attempt + 1))
    raise RuntimeError("{name}: no answer after retries")


async def stream_{name}(request: {cls}) -> Iterable[str]:
    stream = await {acall}(
        model=request.model,
        messages=request.messages(),
        stream=True,
    )
    async for chunk in stream:
        delta = chunk.choices[0].delta.content
        if delta:
            yield delta


def embed_{name}(texts: list[str]) -> list[list[float]]:
    vectors = []
    for start in range(0, len(texts), 64):
        batch = [text.replace("\\n", " ") for text in texts[start:start + 64]]
        vectors.extend(item for item in {call.rsplit(".", 2)[0]}.embeddings.create(model={embed_model}, input=batch).data)
    return [vector.embedding for vector in vectors]


def parse_{name}(payload: str) -> dict[str, Any]:
    data = json.loads(payload)
    return {{key: value for key, value in data.items() if not key.startswith("_")}}
'''


def generate(dense, lines, leftovers=True):
    out = [HEADER_DENSE if dense else HEADER_SPARSE]
    count = out[0].count("\n")
    i = 0
    while count < lines:
        text = block(i, dense)
        out.append(text)
        count += text.count("\n")
        i += 1
    # Sparse: a handful of findings at the end, as a real mostly-clean module has (leftovers).
    tail = [] if dense or not leftovers else [
        '# Leftovers of the migration, kept for the audit log:',
        'LEGACY_EMBEDDING = "text-embedding-ada-002"',
        'LEGACY_BASE = os.environ.get("OPENAI_BASE_URL", "")',
        '',
        '# Migrated from gpt-4o and text-embedding-3-small; OPENAI_API_KEY is no longer read.',
        'LEGACY_MODELS = ("gpt-4o", "gpt-4o-mini", "o3-mini", "gpt-4.1", "whisper-1")',
        'LEGACY_HOST = "https://api.openai.com/v1"',
        'LEGACY_FALLBACKS = ["gpt-3.5-turbo", "gpt-4-turbo"]']
    text = "".join(out).split("\n")
    # Cut before the last top-level statement that would not fit whole, then pad with blank lines.
    cut = lines - len(tail)
    while cut > 0 and not (text[cut - 1] == "" and text[cut][:1] not in ("", " ", ")")):
        cut -= 1
    text = text[:cut] + tail
    text += [""] * (lines - len(text))
    return "\n".join(text) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--lines", type=int, default=5000)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    for name, dense, leftovers in (("dense", True, True), ("sparse", False, True), ("clean", False, False)):
        path = os.path.join(args.out_dir, name + ".py")
        text = generate(dense, args.lines, leftovers)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"{path}\t{text.count(chr(10))}\t{len(text.encode())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
