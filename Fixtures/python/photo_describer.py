"""Product photos for the catalogue: GPT-4o reads each photo, Whisper's successor transcribes notes."""

from openai import OpenAI

client = OpenAI()


def describe(url: str) -> str:
    """One sentence about a product photo: the request sends the image itself."""
    resp = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": [
            {"type": "text", "text": "Describe this product photo in one sentence."},
            {"type": "image_url", "image_url": {"url": url}},
        ]}],
    )
    return resp.choices[0].message.content


def tags(url: str) -> str:
    resp = client.responses.create(
        model="gpt-4.1-mini",
        input=[{"role": "user", "content": [
            {"type": "input_text", "text": "List three tags for this photo."},
            {"type": "input_image", "image_url": url},
        ]}],
    )
    return resp.output_text


def reply(history: list[dict]) -> str:
    # The caller builds the messages: they may carry images or not.
    resp = client.chat.completions.create(model="gpt-4o", messages=history)
    return resp.choices[0].message.content


def transcribe(path: str) -> str:
    with open(path, "rb") as audio:
        return client.audio.transcriptions.create(model="gpt-4o-transcribe", file=audio).text
