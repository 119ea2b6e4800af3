"""Optional LLM answers: a LangChain chat model answers from numbered passages, and only
quotes that are verbatim in those passages survive."""

from __future__ import annotations

import html
import logging
import queue
import re
import threading
import time
from collections.abc import Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable

from retrieval.answer import Answer, Conversation, Question, Quote
from retrieval.errors import LLMError, LLMUnavailableError
from retrieval.index import Morphology
from retrieval.llm.agree import disagreements
from retrieval.llm.breaker import CircuitBreaker
from retrieval.llm.guard import LeakGuard, in_language, looks_like_injection
from retrieval.llm.model import (
    build_chat_model,
    describe_error,
    parse_spec,
    secrets_of,
    structured,
    transient,
)
from retrieval.llm.parse import RawQuote, payload_from, read_reply, verbatim_span
from retrieval.llm.prompts import PromptLibrary
from retrieval.llm.rewrite import rewrite_messages, standalone_from
from retrieval.search import Hit

log = logging.getLogger(__name__)

# The model's helpers stay importable from here, where they used to live.
__all__ = ["LLMAnswerer", "build_chat_model", "describe_error", "parse_spec", "tidy_answer"]

MAX_RETRIES = 1
"""Our one retry, after a quick 429/5xx or dropped connection, inside the same deadline.
The provider's client itself never retries, so no hidden attempt outlives the deadline."""

MAX_RAW_QUOTES = 12
"""Quotes looked at per reply: a reply with thousands of 'quotes' costs no more than this."""

MAX_PASSAGES = 8
MAX_QUOTES = 3
MIN_QUOTE_CHARS = 6
"""Shorter 'quotes' (a name, a number) verify trivially and prove nothing."""

MAX_SENTENCES = 3
MAX_ANSWER_CHARS = 600

LANGUAGES = {"ko": "Korean", "en": "English"}
ABSTAIN_TEXT = {
    "ko": "제공된 문서에서 이 질문의 답을 찾지 못했습니다.",
    "en": "The documents do not answer this question.",
}

_DELIMITER = re.compile(r"<(/?)(passages?|question)\b", re.I)
_CITATION = re.compile(r"\s*\[\d+(?:\s*[,-]\s*\d+)*\]")
_SENTENCE_END = re.compile(r"[.!?。！？]+\s+")
# Terminal escapes and other control characters: a model's reply must not drive a terminal.
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e]")


class LLMAnswerer:
    """Answers from numbered passages through a chat model and keeps only verified quotes."""

    def __init__(
        self,
        model: BaseChatModel,
        *,
        timeout: float = 20.0,
        prompts: PromptLibrary | None = None,
        max_passages: int = MAX_PASSAGES,
        morph: Morphology | None = None,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.timeout = timeout
        self.max_passages = max_passages
        # With Kiwi the agreement check also knows Korean proper nouns; without, it checks
        # numbers, dates and Latin names.
        self.morph = morph
        self.breaker = breaker or CircuitBreaker(overdue_after=timeout)
        self._secrets = secrets_of(model)
        self.prompts = prompts or PromptLibrary()
        # Load every template now, so a broken install fails at start-up, not mid-question.
        self._system = self.prompts.load("answer_system")
        self.prompts.load("answer_passage")
        self.prompts.load("rewrite_system")
        self.prompts.load("rewrite_user")
        # The plain model, for the one-line rewrites that need no answer schema.
        self._model = model
        self._guard = LeakGuard(
            [*self.prompts.static_text("answer_system"), *self.prompts.static_text("answer_user"),
             *self.prompts.static_text("translate_question")]
        )
        self._runnable = structured(model)
        self._translate = self.prompts.load("translate_question")

    def answer(self, question: Question, hits: Sequence[Hit]) -> Answer:
        """Return an Answer with mode='llm' whose quotes are all verified against their passages
        and agree with its text; raise LLMError on timeout, API error, malformed output, when no
        quote survives or the answer states what its quotes don't (LLMUnavailableError while
        the breaker is open)."""
        started = time.perf_counter()
        passages = list(hits[: self.max_passages])
        if not passages:
            raise LLMError("no passages to answer from")
        raw = self._call(self._runnable, self.messages(question, passages), self.timeout)
        reply = read_reply(payload_from(raw))
        if reply.abstain:
            return Answer(
                question=question.text,
                answer=ABSTAIN_TEXT.get(question.lang, ABSTAIN_TEXT["en"]),
                abstained=True,
                mode="llm",
                quotes=[],
                latency_ms=(time.perf_counter() - started) * 1000,
                lang=question.lang,
            )
        text = tidy_answer(reply.answer)
        self._check_answer(text, question)
        quotes = self._verified_quotes(reply.quotes[:MAX_RAW_QUOTES], passages)
        if not quotes:
            raise LLMError("no quote from the model survived verification")
        self.check_agreement(text, quotes, question, passages)
        return Answer(
            question=question.text,
            answer=text,
            abstained=False,
            mode="llm",
            quotes=quotes,
            latency_ms=(time.perf_counter() - started) * 1000,
            lang=question.lang,
        )

    def korean_question(self, question: Question) -> str | None:
        """The question in Korean, to search Korean text with; None when the model can't help."""
        messages = [SystemMessage(content=self._translate),
                    HumanMessage(content=f"<question>{_neutralise(question.text)}</question>")]
        try:
            # Half the deadline: the answer that follows must still fit in the rest.
            raw = self._call(self._model, messages, self.timeout / 2)
        except LLMError as exc:
            log.info("question not translated, searching it as asked: %s", exc)
            return None
        text = _one_line(getattr(raw, "content", raw))
        if text is None or not in_language(text, "ko") or looks_like_injection(text) \
                or self._guard.leaks(text):
            log.info("the model's Korean question is unusable; searching it as asked")
            return None
        log.info("searching also as %r", text)
        return text

    def rewrite(self, question: str, conversation: Conversation) -> str:
        """The follow-up as a standalone question, worded by the model; LLMError when unusable
        (LLMUnavailableError while the breaker is open)."""
        raw = self._call(self._model, rewrite_messages(self.prompts, question, conversation),
                         self.timeout)
        return standalone_from(raw)

    def check_agreement(self, text: str, quotes: Sequence[Quote], question: Question,
                        passages: Sequence[Hit]) -> None:
        """Raise LLMError when the answer states numbers, dates or names its quotes don't,
        or repeats words only an instruction planted in a document has."""
        problems = disagreements(text, quotes, [h.chunk.text for h in passages], question.lang,
                                 self.morph, question.text)
        if problems:
            log.info("LLM answer disagrees with its quotes (%s); not shown: %.80r",
                     "; ".join(problems), text)
            raise LLMError(f"the model's answer disagrees with its quotes: {'; '.join(problems)}")

    def messages(self, question: Question, passages: Sequence[Hit]) -> list[BaseMessage]:
        """The system prompt, then the numbered passages and the question as delimited data."""
        blocks = "\n".join(
            self.prompts.render(
                "answer_passage",
                id=str(number),
                title=html.escape(hit.chunk.title),
                published=html.escape(hit.chunk.published or ""),
                text=_neutralise(hit.chunk.text.strip()),
            ).strip()
            for number, hit in enumerate(passages, start=1)
        )
        user = self.prompts.render(
            "answer_user",
            passages=blocks,
            question=_neutralise(question.text),
            language=LANGUAGES.get(question.lang, "the language of the question"),
        )
        return [SystemMessage(content=self._system), HumanMessage(content=user)]

    def _call(self, runnable: Runnable[Any, Any], messages: list[BaseMessage],
              timeout: float) -> object:
        """One model call through the circuit breaker (LLMUnavailableError while it is open)."""
        call = self.breaker.begin()
        if call is None:
            raise LLMUnavailableError("the model is paused after repeated failures")
        try:
            raw = self._invoke(runnable, messages, timeout)
        except LLMError:
            self.breaker.failure(call)
            raise
        except BaseException:
            self.breaker.release(call)  # not the model's failure: just end the call
            raise
        self.breaker.success(call)
        return raw

    def _invoke(self, runnable: Runnable[Any, Any], messages: list[BaseMessage],
                timeout: float) -> object:
        deadline = time.monotonic() + timeout
        attempt = 0
        while True:
            ok, value = self._attempt(runnable, messages, deadline, timeout)
            if ok:
                return value
            reason = describe_error(value, self._secrets)
            left = deadline - time.monotonic()
            # A quick 429/5xx or dropped connection gets one more try, if time is left for it.
            if attempt < MAX_RETRIES and transient(value) and left > timeout / 2:
                attempt += 1
                log.info("LLM call failed (%s); retrying once", reason)
                time.sleep(min(0.5, left / 4))
                continue
            log.warning("LLM call failed: %s", reason)
            raise LLMError(f"the model call failed: {reason}") from value

    def _attempt(self, runnable: Runnable[Any, Any], messages: list[BaseMessage],
                 deadline: float, timeout: float) -> tuple[bool, Any]:
        outcome: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

        def call() -> None:
            try:
                outcome.put((True, runnable.invoke(messages)))
            except Exception as exc:
                outcome.put((False, exc))

        # The client's own timeout covers each HTTP read, not a reply trickled out slowly;
        # this deadline covers the whole call. The call runs in a daemon thread of its own,
        # so a hung request never holds up the answer or the process's exit.
        threading.Thread(target=call, name="policybot-llm", daemon=True).start()
        try:
            return outcome.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            log.warning("LLM gave no answer within %.1f s; falling back", timeout)
            raise LLMError(f"the model did not answer within {timeout:g} s") from None

    def _check_answer(self, text: str, question: Question) -> None:
        if not text.strip():
            raise LLMError("malformed model output: nothing left of the answer once tidied")
        if self._guard.leaks(text) or looks_like_injection(text):
            log.warning("LLM answer echoes its instructions; not shown")
            raise LLMError("the model's answer repeats its instructions")
        if not in_language(text, question.lang):
            raise LLMError(f"the model did not answer in the question's language ({question.lang})")

    def _verified_quotes(
        self, raw_quotes: Sequence[RawQuote], passages: Sequence[Hit]
    ) -> list[Quote]:
        quotes: list[Quote] = []
        seen: set[tuple[str, str]] = set()
        for raw in raw_quotes:
            found = _locate(raw, passages)
            if found is None:
                log.warning("dropped a quote not verbatim in passage %d: %.80r", raw.id, raw.text)
                continue
            hit, text = found
            if len(text) < MIN_QUOTE_CHARS:
                log.info("dropped a quote too short to prove anything: %r", text)
                continue
            if looks_like_injection(text):
                log.warning("dropped a quote that addresses the assistant: %.80r", text)
                continue
            chunk = hit.chunk
            if (chunk.source, text) in seen:
                continue
            seen.add((chunk.source, text))
            quotes.append(
                Quote(
                    text=text,
                    source=chunk.source,
                    title=chunk.title,
                    published=chunk.published,
                    url=chunk.url,
                    score=hit.score,
                )
            )
            if len(quotes) == MAX_QUOTES:
                break
        return quotes


def _locate(raw: RawQuote, passages: Sequence[Hit]) -> tuple[Hit, str] | None:
    # The passage the model named comes first; a quote it numbered wrongly is still checked
    # against the others, and is then credited to the passage it really comes from.
    named = [passages[raw.id - 1]] if 1 <= raw.id <= len(passages) else []
    for hit in [*named, *passages]:
        span = verbatim_span(raw.text, hit.chunk.text)
        if span is not None:
            return hit, span
    return None


def _one_line(content: object, limit: int = 300) -> str | None:
    """The first line of a plain reply, without quotes or control characters; None if empty."""
    if not isinstance(content, str):
        return None
    lines = [line for line in _CONTROL.sub(" ", content[: limit * 4]).splitlines() if line.strip()]
    text = " ".join(lines[0].split()).strip("\"'“”「」 ") if lines else ""
    return text[:limit] or None


def _neutralise(text: str) -> str:
    """Stop document or question text from closing our <passage>/<question> delimiters."""
    return _DELIMITER.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


def tidy_answer(text: str) -> str:
    """Drop citation marks and control characters, collapse whitespace, keep 3 sentences."""
    # Cut first: a reply of megabytes is never read past what could be shown.
    text = _CONTROL.sub(" ", text[: MAX_ANSWER_CHARS * 4])
    text = " ".join(_CITATION.sub("", text).split())
    text = " ".join(sentences(text)[:MAX_SENTENCES])
    if len(text) > MAX_ANSWER_CHARS:
        text = text[: MAX_ANSWER_CHARS - 1].rstrip() + "…"
    return text


def sentences(text: str) -> list[str]:
    """Split at sentence ends, but not after a list number such as the "1." of "1. 항목"."""
    found: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        token = text[start : end.start()].rsplit(" ", 1)[-1]
        if token.isdigit() and len(token) <= 2:
            continue
        found.append(text[start : end.end()].strip())
        start = end.end()
    if text[start:].strip():
        found.append(text[start:].strip())
    return found
