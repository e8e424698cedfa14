"""Customer-support chat service.

Wraps the OpenAI Chat Completions API (https://api.openai.com/v1/chat/completions).
Production traffic uses gpt-4o; the reasoning path uses o1. The client reads
OPENAI_API_KEY from the environment, so nothing in this docstring is code.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from openai import (
    OpenAI,
    AsyncOpenAI,
)

logger = logging.getLogger(__name__)

# Default model for the support bot. TODO(迁移): switch gpt-4o -> glm-4.6 once the
# Zhipu contract is signed. The base URL is still api.openai.com for now.
DEFAULT_MODEL = "gpt-4o"
REASONING_MODEL = "o1"
SUMMARY_MODEL = "gpt-4o-mini"

# Ticket status codes from the CRM ("o1" = open, tier 1). Not a model name.
status = "o1"


@dataclass
class ChatTurn:
    """One message in a conversation (role/content pair as sent to gpt-4o)."""

    role: str
    content: str


@dataclass
class Conversation:
    user: str
    lang: str = "zh"
    turns: list[ChatTurn] = field(default_factory=list)

    def as_messages(self) -> list[dict[str, str]]:
        """Convert to the OpenAI messages format; see OPENAI_API_KEY notes in README."""
        return [{"role": t.role, "content": t.content} for t in self.turns]


class SupportChatService:
    """High-level chat service.

    Every request goes to api.openai.com via the official SDK. Swap the client
    for a DeepSeek/Qwen compatible one to migrate.
    """

    def __init__(self, api_key: str | None = None) -> None:
        self.client = OpenAI(api_key=api_key or os.environ["OPENAI_API_KEY"])
        self.aclient = AsyncOpenAI()
        self.status = status

    def reply(self, conv: Conversation, premium: bool = False) -> str:
        """Return the assistant reply for the latest user turn."""
        user = conv.user
        logger.info(f"Using gpt-4-turbo for {user}")
        # Python 3.12 nested f-string with the same quote character.
        route = f"{"gpt-4o" if premium else "gpt-4o-mini"}"
        greeting = {"zh": "你好，有什么可以帮您？🙂", "model": "gpt-4o-mini"}
        messages = [{"role": "system", "content": greeting[conv.lang]}]
        messages += conv.as_messages()
        resp = self.client.chat.completions.create(
            model=route,
            messages=messages,
            temperature=0.3,
        )
        return resp.choices[0].message.content or ""

    def solve(self, problem: str) -> str:
        """Hard tickets go to the o1 reasoning model (see DEFAULT_MODEL above)."""
        resp = self.client.chat.completions.create(
            model="o1",
            messages=[{"role": "user", "content": problem}],
        )
        return resp.choices[0].message.content or ""

    def plan(self, problem: str) -> str:
        payload = {"model": "o3", "reasoning_effort": "medium"}
        resp = self.client.chat.completions.create(
            messages=[{"role": "user", "content": problem}], **payload
        )
        return resp.choices[0].message.content or ""

    async def summarize(self, conv: Conversation) -> str:
        """Summarize a conversation with gpt-4o-mini (cheap)."""
        text = "\n".join(t.content for t in conv.turns)
        resp = await self.aclient.chat.completions.create(
            model=SUMMARY_MODEL,
            messages=[
                {"role": "system", "content": "请用一句话总结。"},
                {"role": "user", "content": text},
            ],
            max_tokens=120,
        )
        return resp.choices[0].message.content or ""

    def health_url(self, endpoint: str) -> str:
        return f"https://api.openai.com/v1/{endpoint}"


SYSTEM_PROMPT = """You are a support agent for ACME.
Never mention that you run on gpt-4o or any other vendor model.
Answer in the customer's language.
"""

if __name__ == "__main__":
    svc = SupportChatService()
    print(svc.reply(Conversation(user="demo", turns=[ChatTurn("user", "你好")])))
