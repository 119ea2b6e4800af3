"""Decide whether the retrieved evidence really answers a question."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from retrieval.answer.features import FEATURES
from retrieval.answer.selector import odds_shares
from retrieval.answer.spans import AnswerType, has_span
from retrieval.index import Embedder

if TYPE_CHECKING:
    from retrieval.answer.extractive import ScoredSentence

# Off-topic reference sentences. A question the documents answer sits clearly closer to
# them than to these; E5 cosines crowd into 0.7–1.0, so the gap matters, not the level.
NULL_PASSAGES = (
    "오늘 서울은 대체로 맑고 낮 최고기온은 12도로 예상됩니다.",
    "김치찌개는 돼지고기와 신김치를 넣고 푹 끓이면 맛있습니다.",
    "어제 프로야구 경기에서 홈팀이 9회말 역전승을 거뒀다.",
    "파이썬에서 리스트는 sort 메서드로 정렬할 수 있습니다.",
    "이번 주말 제주도 항공권 가격이 크게 올랐다.",
    "감기에 걸리면 충분히 쉬고 물을 많이 마셔야 합니다.",
    "신작 영화가 개봉 첫 주에 관객 100만 명을 모았다.",
    "아파트 전세 가격이 3주 연속 하락했다.",
    "The weather tomorrow will be sunny with a high of 20 degrees.",
    "Add two cups of flour and bake the cake for thirty minutes.",
    "The football team won the championship after a penalty shootout.",
    "To sort a list in Python, call the sorted function.",
    "The city's population grew by two percent last year.",
    "Paris is the capital and largest city of France.",
    "The new smartphone will go on sale next month.",
    "Cats sleep for about fifteen hours a day.",
)

_INJECTION = re.compile(
    r"(ignore|disregard|forget)\b.{0,40}\b(instruction|prompt|rule|previous|above)"
    r"|system prompt|reveal (your|the) (prompt|instructions)|you are now|jailbreak"
    r"|(지시|명령|지침|프롬프트|규칙).{0,12}(무시|잊어)|(시스템|system)\s*프롬프트"
    r"|프롬프트.{0,10}(출력|보여|알려|공개)",
    re.I,
)


def looks_like_injection(text: str) -> bool:
    """True for a question that tries to steer the bot rather than ask the documents."""
    return bool(_INJECTION.search(text))


@dataclass(frozen=True)
class Evidence:
    """The signals an abstention decision is made from."""

    dense_top: float
    null_top: float
    key_coverage: float
    missing_keys: tuple[str, ...]
    lang: str
    named: bool = False  # the question names someone or something the documents write of

    @property
    def margin(self) -> float:
        """How much closer the best sentence is than the nearest off-topic text."""
        return self.dense_top - self.null_top


@dataclass(frozen=True)
class AbstainPolicy:
    """Thresholds, set on a calibration set of our own rather than the eval questions."""

    min_margin_ko: float = 0.03
    min_margin_en: float = 0.04
    # A question naming what the documents write of is on their topic, however far E5 puts
    # English from Korean; it need only be nearer to them than to off-topic text.
    min_margin_named: float = 0.0
    max_missing_terms: int = 1
    weak_coverage: float = 0.34
    strong_margin: float = 0.08

    def should_abstain(self, ev: Evidence) -> tuple[bool, str]:
        """Return (abstain, reason)."""
        least = (self.min_margin_ko if ev.lang != "en"
                 else self.min_margin_named if ev.named else self.min_margin_en)
        if ev.margin < least:
            return True, f"closest text is barely nearer than off-topic text ({ev.margin:.3f})"
        if len(ev.missing_keys) > self.max_missing_terms:
            # One unknown word is a paraphrase; several name things the documents never mention.
            return True, f"the documents never mention {', '.join(ev.missing_keys)}"
        if ev.key_coverage < self.weak_coverage and ev.margin < self.strong_margin:
            return True, f"evidence covers {ev.key_coverage:.0%} of the key terms, weakly"
        return False, ""


class NullModel:
    """Embeds the off-topic reference once and scores queries against it."""

    def __init__(self, embedder: Embedder, vectors: np.ndarray | None = None) -> None:
        """`vectors`: NULL_PASSAGES as this embedder embeds them, if already at hand."""
        self._vectors = (vectors if vectors is not None
                         else embedder.embed_passages(list(NULL_PASSAGES)))

    def top(self, query_vector: np.ndarray) -> float:
        """Highest similarity between the query and any off-topic passage."""
        return float(np.max(self._vectors @ query_vector)) if len(self._vectors) else 0.0


def abstain_signals(ev: Evidence, cands: list[ScoredSentence], asked: AnswerType | None,
                    top: int = 3) -> np.ndarray:
    """The selector's ABSTAIN_FEATURES row for one question, from its evidence and best sentences."""
    best = cands[0]
    proper = best.features[FEATURES.index("proper")] if best.features is not None else 0.0
    type_missing = asked is not None and not any(has_span(asked, c.sentence.text)
                                                 for c in cands[:top])
    share = odds_shares(np.array([c.score for c in cands]))[0]
    return np.array([best.score, best.own, ev.margin, len(ev.missing_keys), ev.key_coverage,
                     proper, float(type_missing), float(share), ev.dense_top])
