"""The one call every adapter makes: `ask(question) -> Answer`."""

from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING, Protocol

from retrieval.answer import (
    AbstainPolicy,
    Answer,
    AskContext,
    Evidence,
    Mode,
    NullModel,
    Question,
    Quote,
    ScoredSentence,
    Selector,
    SentencePicker,
    abstain_signals,
    answer_type,
    asks_about_collection,
    choose,
    clean_question,
    compose,
    has_span,
    list_documents,
    looks_like_injection,
    prefer_answer_type,
    prefer_typed,
    say,
)
from retrieval.documents import SourceTexts, is_verbatim
from retrieval.errors import (
    LLMError,
    LLMUnavailableError,
    StoreEmptyError,
    StoreError,
    StoreUnavailableError,
)
from retrieval.search import Searcher, SearchResult

if TYPE_CHECKING:
    from retrieval.llm import LLMAnswerer

log = logging.getLogger(__name__)


class Asker(Protocol):
    """Anything that turns a question into an `Answer`."""

    def ask(self, question: str, context: AskContext | None = None) -> Answer:
        """Answer one question."""
        ...


class PolicyService:
    """Search, decide, answer and verify: the whole core behind one method."""

    def __init__(
        self,
        searcher: Searcher,
        sources: SourceTexts,
        null_model: NullModel,
        policy: AbstainPolicy | None = None,
        llm: LLMAnswerer | None = None,
        k: int = 5,
        selector: Selector | None = None,
    ) -> None:
        self.searcher = searcher
        self.sources = sources
        self.null_model = null_model
        self.policy = policy or AbstainPolicy()
        # Without a fitted selector, the old hand-set formula and thresholds decide.
        self.picker = SentencePicker(searcher, searcher.morph, selector)
        self.llm = llm
        self.k = k
        self._store_problem: str | None = None  # logged once per outage, not per question

    def search(self, question: str, k: int | None = None) -> SearchResult:
        """Ranked chunks for a question (no answer); none for a question without words."""
        q = clean_question(question)
        if q.empty:
            return self.searcher.nothing(q.text)
        return self.searcher.search(q.text, k or self.k)

    def ask(self, question: str, context: AskContext | None = None) -> Answer:
        """Answer a question from the documents, or say plainly that they don't hold it."""
        started = time.perf_counter()
        q = clean_question(question)
        try:
            answer = self._answer(q)
        except StoreError as exc:
            answer = self._store_failed(q, exc)
        if q.truncated:
            answer.notice = " ".join(filter(None, [say("truncated", q.lang), answer.notice]))
        answer.latency_ms = (time.perf_counter() - started) * 1000
        ctx = context or AskContext()
        log.info("ask platform=%s channel=%s mode=%s abstained=%s quotes=%d %.0fms",
                 ctx.platform, ctx.channel, answer.mode, answer.abstained, len(answer.quotes),
                 answer.latency_ms)
        return answer

    def _store_failed(self, q: Question, exc: StoreError) -> Answer:
        """Say plainly that the store is empty or unreachable; log it once, not per question."""
        if str(exc) != self._store_problem:
            self._store_problem = str(exc)
            log.error("cannot answer from the store: %s", exc)
        key = ("store_empty" if isinstance(exc, StoreEmptyError)
               else "store_down" if isinstance(exc, StoreUnavailableError) else "store_broken")
        return Answer(q.text, say(key, q.lang), abstained=True, lang=q.lang)

    def _store_ok(self) -> None:
        if self._store_problem is not None:
            log.warning("the store answers again")
            self._store_problem = None

    def _answer(self, q: Question) -> Answer:
        if q.empty:
            return Answer(q.text, say("empty", q.lang), abstained=True, lang=q.lang)
        if looks_like_injection(q.text):
            return Answer(q.text, say("steer", q.lang), abstained=True, lang=q.lang)
        if asks_about_collection(q.text) and not self.searcher.empty:
            return Answer(q.text, list_documents(self.searcher.chunks, q.lang), abstained=False,
                          lang=q.lang)
        result = self.searcher.search(q.text, self.k)
        self._store_ok()
        extractive = self._extractive(q, result)
        if self.llm is None or extractive.abstained:
            return extractive
        return self._with_llm(q, result, extractive)

    def evidence(self, q: Question, result: SearchResult,
                 cands: list[ScoredSentence]) -> Evidence:
        """The signals the abstention policy reads (from the index the hits came from)."""
        idx = result.index
        dense_top = max((c.dense for c in cands), default=0.0)
        if q.lang == "en":
            # English words can't be looked up in Korean text, but acronyms (HBM4, GPU) can.
            acronyms = re.findall(r"\b[A-Z][A-Z0-9]{1,}\b", q.text)
            missing = tuple(k for k in acronyms if k.lower() not in idx.corpus_text)
            covered = 1.0
        else:
            keys = self.searcher.morph.key_terms(q.text)
            top: set[str] = set()
            for h in result.hits[:3]:
                top.update(idx.lexical.tokens_of(idx.positions[h.chunk.id]))
            covered = idx.lexical.share(keys, top) if keys else 1.0
            missing = tuple(t for t in keys if t not in idx.lexical.df)
        return Evidence(dense_top, self.null_model.top(result.vector), covered, missing, q.lang)

    def examine(self, q: Question) -> tuple[SearchResult, list[ScoredSentence], Evidence]:
        """Search, score the candidate sentences and gather the abstention evidence."""
        result = self.searcher.search(q.text, self.k)
        cands = self.picker.candidates(result)
        return result, cands, self.evidence(q, result, cands)

    def should_abstain(self, q: Question, cands: list[ScoredSentence], ev: Evidence) -> bool:
        """True when the evidence says the documents don't hold the answer."""
        if q.lang == "ko":
            # A name the documents never mention is a subject they don't cover ("테슬라의 …").
            unknown = [t for t in self.searcher.morph.proper_terms(q.text)
                       if not t.isdigit() and t not in self.searcher.lexical.df]
            if unknown:
                log.info("abstained: the documents never mention %s", ", ".join(unknown))
                return True
        if answer_type(q.text) == "date" and not any(
                has_span("date", c.sentence.text) for c in cands[:3]):
            log.info("abstained: asked when, and no date in the best sentences")
            return True
        selector = self.picker.selector
        if selector is not None and self.picker.fitted_for(q.text):
            miss = selector.miss_probability(abstain_signals(ev, cands, answer_type(q.text)))
            log.info("miss probability %.2f", miss)
            return miss > 0.5
        abstain, why = self.policy.should_abstain(ev)
        if abstain:
            log.info("abstained: %s", why)
        return abstain

    def _extractive(self, q: Question, result: SearchResult, mode: Mode = "extractive") -> Answer:
        cands = self.picker.candidates(result)
        if not cands or self.should_abstain(q, cands, self.evidence(q, result, cands)):
            return self._not_found(q, result, mode)
        fitted = self.picker.fitted_for(q.text)
        ranked = (prefer_typed(q.text, set(result.tokens), cands) if fitted
                  else prefer_answer_type(q.text, cands))
        text, quotes = compose(choose(ranked), result, q.lang, best=ranked[0])
        quotes = self._verified(quotes)
        if not quotes:
            return self._not_found(q, result, mode)
        return Answer(q.text, text, abstained=False, mode=mode, quotes=quotes, lang=q.lang)

    def _with_llm(self, q: Question, result: SearchResult, extractive: Answer) -> Answer:
        assert self.llm is not None
        try:
            answer = self.llm.answer(q, result.hits)
            if not answer.abstained:
                # All or nothing: the answer was checked for agreement with exactly these.
                answer.quotes = self._verified(answer.quotes, strict=True)
                if not answer.quotes:
                    raise LLMError("a quote is not verbatim in its source file")
        except LLMUnavailableError:
            # Said once in the logs when the breaker opened; the reader learns it here.
            return self._fallback(extractive, say("llm_paused", q.lang))
        except LLMError as exc:
            log.warning("LLM answer unusable, using the extractive one: %s", exc)
            return self._fallback(extractive)
        except Exception:
            # The model is optional: whatever it does, a bug in reading it never costs the
            # answer the documents already gave.
            log.exception("LLM answer failed unexpectedly, using the extractive one")
            return self._fallback(extractive)
        return answer

    @staticmethod
    def _fallback(extractive: Answer, notice: str | None = None) -> Answer:
        extractive.mode = "llm-fallback"
        extractive.notice = notice
        return extractive

    def _not_found(self, q: Question, result: SearchResult, mode: Mode) -> Answer:
        titles = list(dict.fromkeys(f"「{h.chunk.title}」" for h in result.hits[:2]))
        text = say("not_found", q.lang)
        if titles:
            text += say("nearest", q.lang, titles=", ".join(titles))
        return Answer(q.text, text, abstained=True, mode=mode, lang=q.lang)

    def _verified(self, quotes: list[Quote], strict: bool = False) -> list[Quote]:
        """Keep only quotes that are verbatim in their source file as it is on disk.

        With `strict` (a model's quotes) one that fails makes the answer fall back, since
        the rest of it may lean on what that quote said.
        """
        kept = []
        for quote in quotes:
            doc = self.sources.get(quote.source)
            if doc is not None and is_verbatim(quote.text, doc):
                kept.append(quote)
            else:
                log.warning("dropped a quote not found verbatim in %s: %.60s",
                            quote.source, quote.text)
                if strict:
                    return []
        return kept
