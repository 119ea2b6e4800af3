"""The optional LLM answer mode: prompts, a LangChain chat model, and checks on what it wrote."""

from retrieval.llm.answerer import LLMAnswerer
from retrieval.llm.breaker import CircuitBreaker
from retrieval.llm.model import build_chat_model
from retrieval.llm.prompts import PromptLibrary

__all__ = [
    "CircuitBreaker",
    "LLMAnswerer",
    "PromptLibrary",
    "build_chat_model",
]
