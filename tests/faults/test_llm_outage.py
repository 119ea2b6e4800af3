"""A hung or failing LLM: the process exits when its work is done, and after repeated failures
the model is skipped for a cool-down. LangChain's real ChatOpenAI against the local fake."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from retrieval.answer import AbstainPolicy, NullModel, say
from retrieval.documents import SourceTexts
from retrieval.index import ChromaStore, HashEmbedder, Morphology, ingest
from retrieval.llm import LLMAnswerer, build_chat_model
from retrieval.search import Searcher
from retrieval.service import PolicyService
from tests.fakes.openai_server import OpenAIFake, Reply
from tests.faults.test_cli_errors import ASK, YOUTH, answers, cli_env, policybot, write_docs

PAUSED = say("llm_paused", "ko")
HUNG = Reply(content="{}", delay=600)  # held until the fake stops
QUESTIONS = [ASK, "청년 월세 지원 기간은?", "청년 월세 신청은 어디서 하나요?", "무주택 청년 월세는 얼마?",
             "월세 지원은 몇 개월인가요?", "청년 월세 특별지원은 얼마인가요?"]


def llm_env(docs: Path, data: Path, fake: OpenAIFake, **extra: str) -> dict[str, str]:
    return cli_env(docs, data, POLICYBOT_LLM="openai:gpt-4o-mini", OPENAI_API_KEY="sk-x-0123456789",
                   OPENAI_BASE_URL=fake.base_url, **extra)


@pytest.mark.model
def test_process_exits_without_waiting_for_a_hung_call(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs", {"youth.txt": YOUTH})
    with OpenAIFake(default=lambda request: HUNG) as fake:
        env = llm_env(docs, tmp_path / "data", fake, POLICYBOT_LLM_TIMEOUT="2")
        [answer] = answers(policybot(["ask", "--json", ASK], env, tmp_path))
        # The fake still holds the request: the process ended without waiting for it, and no
        # hidden client retry went out after the answer fell back.
        assert len(fake.requests) == 1
    assert answer["mode"] == "llm-fallback" and answer["abstained"] is False


@pytest.mark.model
def test_repeated_failures_pause_the_model_and_the_answer_says_so(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs", {"youth.txt": YOUTH})
    with OpenAIFake(default=lambda request: Reply(status=503, error="overloaded")) as fake:
        env = llm_env(docs, tmp_path / "data", fake, POLICYBOT_LLM_FAILURES="2",
                      POLICYBOT_LLM_COOLDOWN="600")
        done = policybot(["ask", "--json", "-"], env, tmp_path, stdin="\n".join(QUESTIONS) + "\n")
        got = answers(done)
        calls = len(fake.requests)
    assert [a["mode"] for a in got] == ["llm-fallback"] * len(QUESTIONS)
    assert [a["notice"] for a in got] == [None, None] + [PAUSED] * (len(QUESTIONS) - 2)
    assert calls == 4  # two questions, each tried and retried once, then no more calls
    assert sum("answering without it" in line for line in done.stderr.splitlines()) == 1


def _service(client: ClientAPI, name: str, docs: Path, morph: Morphology,
             answerer: LLMAnswerer) -> PolicyService:
    store = ChromaStore(client, HashEmbedder(), name)
    ingest(docs, store, morph)
    searcher = Searcher(store, morph)
    # Hash vectors are not E5's: a lenient policy makes sure the LLM is asked at all.
    policy = AbstainPolicy(min_margin_ko=-1.0, max_missing_terms=9, weak_coverage=0.0)
    return PolicyService(searcher, SourceTexts(docs), NullModel(store.embedder), policy=policy,
                         llm=answerer)


def test_ten_users_behind_a_hung_model_are_answered_without_waiting_each(
    chroma_client: ClientAPI, collection_name: str, tmp_path: Path, morph: Morphology,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = write_docs(tmp_path / "docs", {"youth.txt": YOUTH})
    with OpenAIFake(default=lambda request: HUNG) as fake:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-x-0123456789")
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        answerer = LLMAnswerer(build_chat_model("openai:gpt-4o-mini", 1.0), timeout=1.0)
        service = _service(chroma_client, collection_name, docs, morph, answerer)
        # As the Slack and Discord adapters do: a bounded pool of four answering threads.
        with ThreadPoolExecutor(4) as pool:
            got = list(pool.map(service.ask, [ASK] * 10))
        calls = len(fake.requests)
    assert all(a.mode == "llm-fallback" and not a.abstained for a in got)
    # The first four wait out the deadline; once three have failed, the rest are not sent.
    assert calls <= 6
    assert sum(a.notice == PAUSED for a in got) >= 4


def test_after_the_cooldown_one_probe_decides(fake: OpenAIFake) -> None:
    from retrieval.errors import LLMError, LLMUnavailableError
    from retrieval.llm import CircuitBreaker
    from tests.llm.test_llm import GOOD, ko, seed_hits

    now = [0.0]
    breaker = CircuitBreaker(threshold=1, cooldown=30.0, clock=lambda: now[0])
    answerer = LLMAnswerer(build_chat_model("openai:gpt-4o-mini", 5.0), timeout=5.0,
                           breaker=breaker)
    fake.enqueue(status=400, error="bad request")
    with pytest.raises(LLMError, match="failed"):
        answerer.answer(ko(), seed_hits())
    with pytest.raises(LLMUnavailableError):
        answerer.answer(ko(), seed_hits())
    assert len(fake.requests) == 1 and breaker.state == "open"
    now[0] = 31.0
    fake.enqueue(GOOD)
    assert answerer.answer(ko(), seed_hits()).mode == "llm"
    assert len(fake.requests) == 2 and breaker.state == "closed"


def test_calls_stuck_past_the_deadline_count_once_one_has_failed() -> None:
    from retrieval.llm import CircuitBreaker

    now = [0.0]
    breaker = CircuitBreaker(threshold=3, cooldown=60.0, overdue_after=10.0, clock=lambda: now[0])
    calls = [breaker.begin() for _ in range(4)]
    assert None not in calls
    now[0] = 9.5
    assert breaker.begin() is not None  # slow for everyone, but nothing failed: keep asking
    first = calls[0]
    assert first is not None
    breaker.failure(first)
    # One failure and three calls that are about to time out: the next user is not sent.
    assert breaker.begin() is None and breaker.state == "open"
