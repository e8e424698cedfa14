"""Azure OpenAI client factory (tenant: myco, region: eastus2).

Set AZURE_OPENAI_ENDPOINT=https://myco.openai.azure.com/ and AZURE_OPENAI_API_KEY.
"""

from __future__ import annotations

import os

from openai import AzureOpenAI
from llama_index.llms.azure_openai import AzureOpenAI as LlamaAzureOpenAI

API_VERSION = os.getenv("OPENAI_API_VERSION", "2024-10-21")
DEFAULT_ENDPOINT = "https://myco.openai.azure.com/"

# Deployment names are chosen by us in the Azure portal; ops named them after
# the underlying models, which is exactly what makes migration painful.
DEPLOYMENTS = {
    "chat": "gpt-4o",
    "mini": "gpt-4o-mini",
    "embed": "text-embedding-3-large",
}


def azure_client() -> AzureOpenAI:
    return AzureOpenAI(
        azure_endpoint=os.environ.get("AZURE_OPENAI_ENDPOINT", DEFAULT_ENDPOINT),
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version=API_VERSION,
    )


def chat_url(deployment: str = "gpt-4o") -> str:
    """Raw REST URL, used by the Go sidecar that shares this config."""
    return (
        f"{DEFAULT_ENDPOINT}openai/deployments/{deployment}/chat/completions"
        f"?api-version={API_VERSION}"
    )


HEALTHCHECK_URL = "https://myco.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"


def llama_llm() -> LlamaAzureOpenAI:
    return LlamaAzureOpenAI(
        engine=DEPLOYMENTS["chat"],
        model="gpt-4o",
        azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version=API_VERSION,
    )


def ask(question: str) -> str:
    client = azure_client()
    resp = client.chat.completions.create(
        model=DEPLOYMENTS["chat"],
        messages=[{"role": "user", "content": question}],
    )
    return resp.choices[0].message.content or ""


if __name__ == "__main__":
    print(chat_url())
    print(ask("ping"))
