"""Fixtures for the LLM tests: a loopback OpenAI-compatible fake and an answerer on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.llm import LLMAnswerer, build_chat_model
from tests.fakes.openai_server import OpenAIFake

API_KEY = "sk-test-policybot-0123456789abcdef"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenAIFake]:
    """The fake server, with the OpenAI client's variables pointed at it."""
    with OpenAIFake() as server:
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.delenv("OPENAI_API_BASE", raising=False)
        yield server


@pytest.fixture
def answerer(fake: OpenAIFake) -> LLMAnswerer:
    """LangChain's real ChatOpenAI client behind our answerer, talking to the fake."""
    return LLMAnswerer(build_chat_model("openai:gpt-4o-mini", 5.0), timeout=5.0)
