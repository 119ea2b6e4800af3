"""Does an answer agree with its quotes? Its numbers, dates and names must appear in them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from retrieval.answer import Quote, reads_as_instruction
from retrieval.documents import normalize
from retrieval.index import HANGUL, Morphology

# A date first, so "2025.06.21" is three numbers and not the decimal 2025.06.
_DATE = re.compile(r"(?<!\d)(\d{4})\s*[-./]\s*(\d{1,2})(?:\s*[-./]\s*(\d{1,2}))?(?!\d)")
_NUMBER = re.compile(
    r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"(조|억|만|천|trillion|billion|million|thousand|bn|mn|tn)?",
    re.I,
)
_SCALE = {
    "조": 1e12, "억": 1e8, "만": 1e4, "천": 1e3,
    "trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6,
    "thousand": 1e3,
}
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9&\-]*[A-Za-z0-9]")
_SENTENCE_START = re.compile(r"(^|[.!?:]\s*)$")
_WORD = re.compile(r"[\w가-힣]{2,}")
_SENTENCE = re.compile(r"(?<=[.!?。])\s+|\n+")
# Spellings the documents use for one thing, so "AI" in an answer matches "인공지능" in a quote.
_SAME = {"ai": ("인공지능",)}
_EN_COMMON = frozenset("i i'm according korean korea's".split())
_TOLERANCE = 0.005
"""Relative difference allowed between values, for "$109 billion" against "1,090억달러"."""


def _numbers(text: str) -> list[tuple[str, float, bool]]:
    """(digits, value, scaled) for every number in the text, units such as 만/억/billion applied."""
    found: list[tuple[str, float, bool]] = []

    def date(m: re.Match[str]) -> str:
        for part in m.groups():
            if part:
                found.append((str(int(part)), float(int(part)), False))
        return " "

    rest = _DATE.sub(date, text)
    for m in _NUMBER.finditer(rest):
        digits = m.group(1).replace(",", "")
        scale = _SCALE.get((m.group(2) or "").lower(), 1.0)
        found.append((digits.lstrip("0") or "0", float(digits) * scale, scale != 1.0))
    return found


def _reference(quotes: Sequence[Quote]) -> str:
    """What a reader sees with the quotes: their text, titles and dates."""
    parts = [f"{q.text} {q.title} {q.published or ''}" for q in quotes]
    return normalize(" ".join(parts))


def missing_numbers(answer: str, reference: str) -> list[str]:
    """Numbers and dates in the answer that the reference never states (by digits or value).

    Values are compared with a little slack only where a unit scaled them ("$109 billion"
    for "1,090억달러"); a year or a count must match exactly.
    """
    ref = _numbers(reference)
    ref_digits = {d for d, _, _ in ref}
    missing = []
    for digits, value, scaled in _numbers(answer):
        if digits in ref_digits or any(value == v for _, v, _ in ref):
            continue
        if any((scaled or s) and abs(value - v) <= _TOLERANCE * abs(v) for _, v, s in ref):
            continue
        missing.append(digits)
    return missing


def _mentions(text: str, name: str) -> bool:
    """True when the text has the name, not as a piece of a longer Latin word."""
    return re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text, re.I) is not None


def _present(name: str, reference: str) -> bool:
    """True when the reference has the name, also as written without Kiwi's spaces."""
    if _mentions(reference, name) or any(s in reference for s in _SAME.get(name.lower(), ())):
        return True
    # Kiwi may split a compound name ("메이오클리닉" reads as 메이오 클리닉); compare it unspaced.
    return " " in name and _mentions(reference.replace(" ", ""), name.replace(" ", ""))


def _latin_names(answer: str, lang: str) -> list[str]:
    """Latin words that name something: HBM4, OpenAI, AWS; in Korean text any capitalised word."""
    names = []
    for m in _LATIN.finditer(answer):
        word = m.group(0)
        inner = any(ch.isupper() for ch in word[1:]) or word.isupper()
        capital = word[0].isupper() and not _SENTENCE_START.search(answer[: m.start()])
        if inner or (capital and (lang != "en" or word.lower() not in _EN_COMMON)):
            names.append(word)
    return names


def missing_names(answer: str, reference: str, passages: str, lang: str,
                  morph: Morphology | None) -> list[str]:
    """Proper names in the answer (Kiwi NNP, Latin names) that the reference never mentions.

    An English answer may translate a Korean name ("Ulsan" for "울산"), which no string check
    can match, so its Latin names are checked only when the passages spell them in Latin.
    """
    names = [n for n in _latin_names(answer, lang) if lang != "en" or _mentions(passages, n)]
    if morph is not None:
        names += [t for t in morph.proper_nouns(answer) if HANGUL.search(t)]
    return [n for n in dict.fromkeys(names) if not _present(n, reference)]


def _terms(text: str, morph: Morphology | None) -> set[str]:
    if morph is not None:
        return set(morph.key_terms(text))
    return set(_WORD.findall(text.lower()))


def borrowed_from_instructions(answer: str, reference: str, passages: Iterable[str],
                               morph: Morphology | None) -> list[str]:
    """Words of the answer that its quotes lack but a passage sentence addressed to the
    assistant has: the sign of a model that obeyed an injected instruction."""
    injected = [s for text in passages for s in _SENTENCE.split(text) if reads_as_instruction(s)]
    if not injected:
        return []
    own = _terms(answer, morph) - _terms(reference, morph)
    bad = set().union(*(_terms(s, morph) for s in injected)) & own
    return sorted(bad)


def disagreements(answer: str, quotes: Sequence[Quote], passages: Sequence[str], lang: str,
                  morph: Morphology | None = None, question: str = "") -> list[str]:
    """Why the answer does not agree with its quotes; empty when it does.

    Names the question itself gives ("SK는 …?") may be repeated; numbers may not, since
    "2026년에도 …?" answered with a 2026 no quote states is exactly the claim to catch.
    """
    reference = _reference(quotes)
    flat = normalize(answer)
    joined = "\n".join(passages)
    problems = []
    numbers = missing_numbers(flat, reference)
    if numbers:
        problems.append(f"numbers not in its quotes: {', '.join(numbers[:5])}")
    names = missing_names(flat, f"{reference} {normalize(question)}", joined, lang, morph)
    if names:
        problems.append(f"names not in its quotes: {', '.join(names[:5])}")
    borrowed = borrowed_from_instructions(flat, reference, passages, morph)
    if borrowed:
        problems.append(f"words from an instruction in a document: {', '.join(borrowed[:5])}")
    return problems
