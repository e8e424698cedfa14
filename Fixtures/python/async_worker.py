"""Background worker that drains the moderation / enrichment queue."""

import asyncio
import json
import logging
import os

import openai as oai
import tiktoken  # homeport: ignore

log = logging.getLogger("worker")

HELP_TEXT = "Add '# homeport: ignore' to silence the gpt-4o warning on a line."

# Reasoning-heavy jobs. The pinned snapshot below was approved by legal.
# homeport: ignore[openai-model]
PINNED_MODEL = "gpt-4o-2024-08-06"

FAST_MODEL = os.getenv("OPENAI_MODEL", "gpt-4o-mini")  # homeport: ignore[openai-model]

client = oai.AsyncOpenAI(base_url="https://api.openai.com/v1")  # homeport: ignore


class EnrichmentWorker:
    def __init__(self, queue: asyncio.Queue, concurrency: int = 4) -> None:
        self.queue = queue
        self.sem = asyncio.Semaphore(concurrency)
        self.enc = tiktoken.get_encoding("cl100k_base")

    async def moderate(self, text: str) -> bool:
        resp = await client.moderations.create(
            model="omni-moderation-latest",
            input=text,
        )
        return not resp.results[0].flagged

    async def enrich(self, job: dict) -> dict:
        async with self.sem:
            if len(self.enc.encode(job["text"])) > 6000:
                log.warning("job %s too long, truncating", job["id"])
            resp = await client.chat.completions.create(
                model=PINNED_MODEL,
                response_format={"type": "json_object"},
                messages=[
                    {"role": "system", "content": "Extract entities as JSON."},
                    {"role": "user", "content": job["text"]},
                ],
            )
            return json.loads(resp.choices[0].message.content or "{}")

    async def run(self) -> None:
        while True:
            job = await self.queue.get()
            try:
                if not await self.moderate(job["text"]):
                    continue
                result = await self.enrich(job)
                log.info("enriched %s with %d entities", job["id"], len(result))
            except oai.RateLimitError:
                await asyncio.sleep(2)
                await self.queue.put(job)
            except oai.APIError as exc:
                log.error("OpenAI error on %s: %s", job["id"], exc)
            finally:
                self.queue.task_done()


async def main() -> None:
    if "OPENAI_API_KEY" not in os.environ:
        raise SystemExit("OPENAI_API_KEY is not set")
    q: asyncio.Queue = asyncio.Queue()
    for i in range(3):
        await q.put({"id": i, "text": f"sample document {i}"})
    worker = EnrichmentWorker(q)
    task = asyncio.create_task(worker.run())
    await q.join()
    task.cancel()


if __name__ == "__main__":
    asyncio.run(main())
