"""Voice features: meeting transcription (whisper-1) and read-aloud (tts-1)."""

from __future__ import annotations

import http.client
import re
import ssl
import uuid
from pathlib import Path

from openai import OpenAI

client = OpenAI()

STT_MODEL = "whisper-1"
TTS_MODEL = U"tts-1-hd"
VOICE = "alloy"

# The on-prem gateway rewrites plain slashes, so the ops team escaped them.
SPEECH_URL = "https:\x2f\x2fapi.openai.com/v1/audio/speech"
REALTIME_URL = "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview"

# Pull the model name out of raw SSE bytes without decoding the whole stream.
SSE_MODEL_RE = re.compile(Rb'"model":\s*"(gpt-4o[^"]*)"')
SSE_DONE = rb"data: [DONE]"
# Path for the raw websocket handshake in the kiosk build (no SDK there).
REALTIME_PATH = rb"/v1/realtime?model=gpt-4o-mini-realtime-preview"


def transcribe(path: Path, language: str = "zh") -> str:
    """Transcribe an audio file with whisper-1 (25 MB limit per OpenAI docs)."""
    with path.open("rb") as fh:
        result = client.audio.transcriptions.create(
            model=STT_MODEL,
            file=fh,
            language=language,
            response_format="text",
        )
    return str(result)


def speak(text: str, out: Path) -> Path:
    with client.audio.speech.with_streaming_response.create(
        model=TTS_MODEL,
        voice=VOICE,
        input=text,
    ) as resp:
        resp.stream_to_file(out)
    return out


def transcribe_raw(path: Path, api_key: str) -> str:
    """Fallback used by the kiosk build, which cannot ship the SDK."""
    boundary = uuid.uuid4().hex
    body = b"".join(
        [
            b"--" + boundary.encode() + b"\r\n",
            b'Content-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n',
            b"--" + boundary.encode() + b"\r\n",
            b'Content-Disposition: form-data; name="file"; filename="a.wav"\r\n',
            b"Content-Type: audio/wav\r\n\r\n",
            path.read_bytes(),
            b"\r\n--" + boundary.encode() + b"--\r\n",
        ]
    )
    conn = http.client.HTTPSConnection("api.openai.com", context=ssl.create_default_context())
    conn.request(
        "POST",
        "/v1/audio/transcriptions",
        body=body,
        headers={
            "Authorization": f"Bearer {api_key}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    resp = conn.getresponse()
    return resp.read().decode("utf-8")


def sniff_model(chunk: bytes) -> str | None:
    m = SSE_MODEL_RE.search(chunk)
    return m.group(1).decode() if m else None


if __name__ == "__main__":
    print(transcribe(Path("meeting.m4a")))
    speak("会议纪要已生成。", Path("summary.mp3"))
