"""Retrieval-augmented QA over the internal wiki.

LangChain handles the online path (ChatOpenAI + OpenAIEmbeddings); the nightly
re-index uses LlamaIndex. Both default to api.openai.com and OPENAI_API_KEY.
"""

from __future__ import annotations

from pathlib import Path

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnablePassthrough
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from langchain_community.vectorstores import FAISS
from llama_index.core import Settings, SimpleDirectoryReader, VectorStoreIndex
from llama_index.embeddings.openai import OpenAIEmbedding
from llama_index.llms.openai import OpenAI

from . import openai_utils
from .openai_utils import retry_policy

PROMPT = ChatPromptTemplate.from_messages(
    [
        ("system", "Answer only from the context. 如果不知道，就说不知道。"),
        ("human", "Context:\n{context}\n\nQuestion: {question}"),
    ]
)


def build_chain(index_dir: Path):
    """LangChain LCEL chain: retriever | prompt | gpt-4o-mini | parser."""
    embeddings = OpenAIEmbeddings(model="text-embedding-3-large")
    store = FAISS.load_local(str(index_dir), embeddings, allow_dangerous_deserialization=True)
    llm = ChatOpenAI(
        model="gpt-4o-mini",
        temperature=0,
        max_retries=retry_policy().attempts,
    )
    return (
        {"context": store.as_retriever(k=4), "question": RunnablePassthrough()}
        | PROMPT
        | llm
        | StrOutputParser()
    )


def reasoning_llm():
    # Slow path for multi-hop questions.
    return ChatOpenAI(model="o3-mini", reasoning_effort="high")


def reindex(wiki_dir: Path, persist_dir: Path) -> int:
    """Nightly job: rebuild the LlamaIndex vector store."""
    Settings.llm = OpenAI(model="gpt-4.1", temperature=0.1)
    Settings.embed_model = OpenAIEmbedding(model_name="text-embedding-3-small")
    docs = SimpleDirectoryReader(str(wiki_dir), recursive=True).load_data()
    index = VectorStoreIndex.from_documents(docs)
    index.storage_context.persist(persist_dir=str(persist_dir))
    openai_utils.log_usage("reindex", len(docs))
    return len(docs)


def answer(question: str, index_dir: Path) -> str:
    return build_chain(index_dir).invoke(question)


if __name__ == "__main__":
    print(answer("报销流程是什么？", Path("./faiss_index")))
