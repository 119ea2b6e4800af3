"""Fakes that record what they were asked, for adapter tests."""

from __future__ import annotations

import threading
import time
from collections import deque

from retrieval.answer import Answer, AskContext, Conversation, Quote
from retrieval.service import Asker

SK_QUOTE = Quote(
    text="AWS와 함께 국내 최대 규모의 AI 데이터 센터를 울산에 구축하겠다고 선언했습니다.",
    source="000_2979ad4f5c775dad.txt",
    title="AI 글로벌 협력 기업 간담회 요약",
    published="2025-06-21",
    url=None,
    score=0.91,
)


def sk_answer(question: str) -> Answer:
    """A canned answer whose quote really is in the seeds."""
    return Answer(
        question=question,
        answer="SK는 AWS와 함께 울산 AI 데이터센터에 7조원을 투자한다고 밝혔습니다.",
        abstained=False,
        mode="extractive",
        quotes=[SK_QUOTE],
        latency_ms=12.3,
        lang="ko",
    )


DOCUMENTS = "• AI 글로벌 협력 기업 간담회 요약 (2025-06-21) — 000_2979ad4f5c775dad.txt"


class FakeAsker:
    """Answers from a queue of canned replies and records every call."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls: list[tuple[str, AskContext | None]] = []
        self.conversations: list[Conversation | None] = []
        self.listed: list[str] = []
        self._queue: deque[Answer | Exception] = deque()
        self._lock = threading.Lock()

    def enqueue(self, reply: Answer | Exception) -> None:
        """Queue the next reply (an exception is raised instead of answering)."""
        self._queue.append(reply)

    def ask(self, question: str, context: AskContext | None = None,
            conversation: Conversation | None = None) -> Answer:
        """Record the call, wait `delay`, then return the next canned reply."""
        with self._lock:
            self.calls.append((question, context))
            self.conversations.append(conversation)
            reply = self._queue.popleft() if self._queue else sk_answer(question)
        if self.delay:
            time.sleep(self.delay)
        if isinstance(reply, Exception):
            raise reply
        return reply

    def documents(self, lang: str = "ko") -> str:
        """A one-document list, recorded like a question."""
        with self._lock:
            self.listed.append(lang)
        return DOCUMENTS


class ServiceAsker(FakeAsker):
    """Records every call like FakeAsker, but answers through a real service."""

    def __init__(self, service: Asker) -> None:
        super().__init__()
        self.service = service

    def ask(self, question: str, context: AskContext | None = None,
            conversation: Conversation | None = None) -> Answer:
        """Record the call, then answer it for real."""
        super().ask(question, context, conversation)
        return self.service.ask(question, context, conversation)

    def documents(self, lang: str = "ko") -> str:
        """Record the call, then list the service's documents."""
        super().documents(lang)
        return self.service.documents(lang)
