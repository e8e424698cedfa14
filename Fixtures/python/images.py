"""Marketing image generation (written on Windows, hence CRLF line endings).

Uses dall-e-3 for hero banners and gpt-image-1 for edits. Model docs:
https://platform.openai.com/docs/models
"""

import base64
import os
from pathlib import Path

from openai import OpenAI

MODELS_DOC = "https://platform.openai.com/docs/models"
HERO_MODEL = "dall-e-3"
EDIT_MODEL = "gpt-image-1"

client = OpenAI(
    api_key=os.environ.get("OPENAI_API_KEY"),
    organization=os.environ.get("OPENAI_ORG_ID"),
)


def hero_banner(prompt: str, out_dir: Path) -> Path:
    """Generate a 1792x1024 banner. dall-e-3 only supports n=1."""
    resp = client.images.generate(
        model=HERO_MODEL,
        prompt=f"{prompt}, flat illustration, brand colours #0B5FFF and #FFB400",
        size="1792x1024",
        quality="hd",
        n=1,
        response_format="b64_json",
    )
    out = out_dir / "hero.png"
    out.write_bytes(base64.b64decode(resp.data[0].b64_json))
    return out


def edit_product_shot(src: Path, mask: Path, prompt: str) -> bytes:
    with src.open("rb") as image, mask.open("rb") as m:
        resp = client.images.edit(
            model=EDIT_MODEL,
            image=image,
            mask=m,
            prompt=prompt,
            size="1024x1024",
        )
    return base64.b64decode(resp.data[0].b64_json)


def thumbnails(prompts: list[str]) -> list[str]:
    urls = []
    for p in prompts:
        resp = client.images.generate(model="dall-e-2", prompt=p, size="256x256")
        urls.append(resp.data[0].url)
    return urls


if __name__ == "__main__":
    print(hero_banner("春节促销 — 红色灯笼", Path(".")))
    print(thumbnails(["a cat", "a dog"]))
