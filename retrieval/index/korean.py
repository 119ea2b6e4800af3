"""Kiwi morphemes and sentence splits, the Korean half of search."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import kiwipiepy
from kiwipiepy import Kiwi

# Morphemes that carry meaning: nouns, verb and adjective stems, roots, foreign words,
# numbers, hanja. Particles and endings only add noise to BM25.
_CONTENT_TAGS = {"NNG", "NNP", "NR", "VV", "VA", "XR", "SL", "SN", "SH", "NNB"}
_KEY_TAGS = {"NNG", "NNP", "SL", "SH", "XR"}
# Bound nouns that are pure function ("것", "수") say nothing about a topic.
_WEAK_NNB = {"것", "수", "등", "때", "중", "바", "데", "적", "뿐", "듯", "측", "개", "명", "곳"}
# Words that ask rather than tell ("얼마", "몇") or name the kind of answer wanted ("비율",
# "이름"): a document that answers need not contain them.
_KO_ASKING = frozenset(
    "얼마 무엇 뭐 누구 어디 언제 어떤 어느 몇 왜 어떻게 동안 정도 이름 비율 비중 효과 방법 내용 "
    "사례 이유 목적 의견 질문 답 설명 각각 가지 관련 대해 대한".split()
)
# Words of talk that place a question loosely in time ("옛날에 …했었대?"): the documents
# write a date or "과거" if anything, so a passage that answers need not contain them.
_KO_TALK = frozenset("옛날 예전 요즘 요새".split())
# "사람 몇 명 왔어?": what 명 counts is people; a passage giving "20여명" need not say so.
_HEAD_COUNT = re.compile(r"몇\s*명")
_COUNTED_PEOPLE = frozenset("사람 인원 인원수".split())
# The documents write one concept two ways; a query in either spelling should match both.
# A chip is a semiconductor (칩 asked, 반도체 written), though not every semiconductor is
# written as a chip.
_SYNONYMS = {"인공지능": "ai", "ai": "인공지능", "칩": "반도체"}
_EN_STOP = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "as", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "much", "many", "will", "would", "can", "could", "should", "shall", "may", "might", "must", "it", "its", "this", "that", "these", "those", "there", "their", "they", "them", "he", "she", "his", "her", "i", "you", "your", "we", "our", "and", "or", "not", "no", "yes", "than", "then", "so", "such", "into", "over", "under", "up", "down", "out", "if", "any", "all", "some", "each", "per", "tell", "me", "please", "say", "said", "according"]
)


ASKING_WORDS = _KO_ASKING
"""Korean nouns that ask (얼마, 누구) or name the kind of answer wanted (이유, 방법)."""
TALK_WORDS = _KO_TALK
"""Korean words of talk that place a question loosely in time ("옛날", "요즘")."""
ENGLISH_STOPWORDS = _EN_STOP
"""English function words, question words and auxiliaries."""


HANGUL = re.compile(r"[가-힣]")
"""One Hangul syllable: `HANGUL.search(text)` tells Korean text from English."""


_BRACKETED = re.compile(r"\([^()]*\)")
_ANY_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")  # syllables and jamo


def in_korean(question: str) -> bool:
    """True when a question has Hangul outside brackets: "TIPA (기정원)" is still English."""
    return bool(_ANY_HANGUL.search(_BRACKETED.sub(" ", question)))


# Words of casual talk that point or hedge ("그 모임에 대충 몇 명"): they say nothing of what is
# asked, yet move a short question's embedding as much as a word of its subject does.
_FILLERS = re.compile(r"(?<![가-힣])(?:그|저|대충|혹시|그냥|막|좀|한번)\s+(?=[가-힣A-Za-z0-9])")
# What 명 counts is people: "사람 몇 명" asks no more than "몇 명".
_PEOPLE_COUNTED = re.compile(r"(?<![가-힣])(?:사람|인원)(?:이|은|들)?\s+(?=몇\s*명)")


def without_fillers(question: str) -> str:
    """A Korean question without words of casual talk that point or hedge ("그", "대충"),
    nor the people a head count counts ("사람 몇 명")."""
    return _PEOPLE_COUNTED.sub("", _FILLERS.sub("", question))


def hangul_share(text: str) -> float:
    """The share of a text's letters that are Hangul (1.0 when it has none)."""
    sample = text[:: max(1, len(text) // 200_000)]  # a spread sample is plenty for a share
    hangul = sum(1 for ch in sample if "가" <= ch <= "힣")
    latin = sum(1 for ch in sample if "a" <= ch.lower() <= "z")
    return hangul / (hangul + latin) if hangul + latin else 1.0


LEAN_OPTIONS = {"load_typo_dict": False, "load_multi_dict": False}
"""Kiwi without its typo and multi-word dictionaries: 190 MB and over a second less to load.

Typo correction is off unless `typos` is given; the multi-word entries only join names
such as "네이버 클라우드" into one token, and BM25 still matches their parts without them.
"""


def lean_kiwi() -> Kiwi:
    """Kiwi as the bot uses it (LEAN_OPTIONS)."""
    return Kiwi(**LEAN_OPTIONS)


ANALYSIS_CACHE = 1024
"""Texts whose Kiwi analysis is kept: one question is read up to four ways per answer."""
TOKENS_VERSION = 1
"""Bump when `Morphology.tokens` changes, so tokens stored by an older ingest are redone."""


class Morpheme(NamedTuple):
    """One morpheme of Kiwi's analysis, with its place in the analysed text."""

    form: str
    tag: str
    start: int = 0
    end: int = 0


class Morphology:
    """One shared Kiwi instance with the few operations search needs."""

    def __init__(self, kiwi: Kiwi | None = None, *, lean: bool = False) -> None:
        """Use `kiwi` if given (`lean` when it was built with lean_kiwi's options)."""
        self._kiwi = kiwi or lean_kiwi()
        # Stored tokens are reused only when this same recipe made them.
        same = kiwi is None or lean
        self.signature = f"kiwi-{kiwipiepy.__version__}-lean-v{TOKENS_VERSION}" if same else ""
        # Kiwi is not documented as thread-safe; adapters answer from several threads.
        self._lock = threading.Lock()
        self._analyse = lru_cache(maxsize=ANALYSIS_CACHE)(self._analysis)

    @classmethod
    def started(cls, loading: Future[Kiwi] | None) -> Morphology:
        """On the lean Kiwi a caller started building earlier (see bot.launch), else a new one."""
        return cls(loading.result(), lean=True) if loading is not None else cls()

    def _analysis(self, text: str) -> tuple[Morpheme, ...]:
        with self._lock:
            return tuple(Morpheme(t.form, t.tag, t.start, t.start + t.len)
                         for t in self._kiwi.tokenize(text))

    def sentences(self, text: str) -> list[str]:
        """Split a paragraph into sentences, each an exact slice of the input."""
        with self._lock:
            sents = self._kiwi.split_into_sents(text)
        out = [text[s.start : s.end].strip() for s in sents]
        return [s for s in out if s]

    def morphemes(self, text: str) -> list[Morpheme]:
        """Every morpheme with its tag (irregular-stem marks dropped) and character span."""
        return [m._replace(tag=m.tag.split("-")[0]) for m in self._analyse(text)]

    def tokens(self, text: str) -> list[str]:
        """Content morphemes for BM25, with number+unit pairs such as '2만' joined."""
        toks = self._analyse(text)
        out: list[str] = []
        prev_num: str | None = None
        for t in toks:
            tag = t.tag.split("-")[0]
            form = t.form.lower() if tag == "SL" else t.form
            if tag == "SN":
                form = form.replace(",", "")
                prev_num = form
            elif tag == "NR" and prev_num is not None:
                out.append(prev_num + form)
                prev_num = None
            else:
                prev_num = None
            if tag not in _CONTENT_TAGS:
                continue
            if tag == "NNB" and form in _WEAK_NNB:
                continue
            if tag == "SL" and form in _EN_STOP:
                continue
            out.append(form)
        return out

    def expand(self, tokens: list[str]) -> list[str]:
        """Add the other spelling of concepts written two ways (인공지능 / AI)."""
        extra = [_SYNONYMS[t] for t in tokens if t in _SYNONYMS and _SYNONYMS[t] not in tokens]
        return tokens + extra

    def key_terms(self, text: str) -> list[str]:
        """Nouns, roots and foreign words: what a question is about."""
        toks = self._analyse(text)
        terms = []
        for t in toks:
            tag = t.tag.split("-")[0]
            if tag not in _KEY_TAGS:
                continue
            form = t.form.lower() if tag == "SL" else t.form
            if tag == "SL" and (form in _EN_STOP or len(form) < 2):
                continue
            if tag != "SL" and (len(form) < 2 or form in _KO_ASKING):
                continue
            terms.append(form)
        if _HEAD_COUNT.search(text):
            terms = [t for t in terms if t not in _COUNTED_PEOPLE]
        # Unless nothing else is asked ("요새 어때?"): then the talk is all there is to judge.
        said = [t for t in terms if t not in _KO_TALK]
        return list(dict.fromkeys(said or terms))

    def proper_terms(self, text: str) -> list[str]:
        """Names, foreign words and numbers: the rare terms a passage that answers must share."""
        wanted = {"NNP", "SL", "SN", "SH"}
        toks = self._analyse(text)
        terms = []
        for t in toks:
            tag = t.tag.split("-")[0]
            form = t.form.lower() if tag == "SL" else t.form.replace(",", "")
            if tag in wanted and not (tag == "SL" and form in _EN_STOP):
                terms.append(form)
        return list(dict.fromkeys(terms))

    def is_proper_noun(self, word: str) -> bool:
        """True when Kiwi reads the word alone as one proper noun ("울산", "네이버")."""
        toks = self._analyse(word)
        return len(toks) == 1 and toks[0].tag == "NNP"

    def lists_names(self, text: str) -> bool:
        """True when the text lists names ("카카오와 네이버", "카카오, 네이버", "A 및 B")."""
        morphemes = self.morphemes(text)
        return any(m.tag == "NNP" and (n.tag == "JC" or n.form in {",", "및", "하고"})
                   for m, n in pairwise(morphemes))

    def proper_nouns(self, text: str) -> list[str]:
        """Kiwi's proper nouns (NNP) in the text: the names of people, places and bodies."""
        toks = self._analyse(text)
        return list(dict.fromkeys(t.form for t in toks if t.tag == "NNP" and len(t.form) >= 2))

    def cut_words(self, text: str) -> list[str]:
        """Words Kiwi reads as two or more common nouns run together ("업스테이지" as 업 + 스테이지).

        A word it knows is one noun ("정부", "울산"); a name it doesn't know is cut in pieces.
        Particles after it ("업스테이지가") are left off.
        """
        out: list[str] = []
        run: list[Morpheme] = []
        for m in [*self._analyse(text), Morpheme("", "", -1, -1)]:
            if m.tag == "NNG" and (not run or m.start == run[-1].end):
                run.append(m)
                continue
            # A word starts after a space or an opening mark ("‘레벨업"), and ends before a
            # particle, a space or a mark ("레벨업?", "레벨업, 스케일업").
            starts_word = bool(run) and (run[0].start == 0
                                         or not text[run[0].start - 1].isalnum())
            ends_word = bool(run) and (m.start != run[-1].end or m.tag.startswith(("J", "S")))
            if len(run) >= 2 and starts_word and ends_word:
                out.append(text[run[0].start:run[-1].end])
            run = [m] if m.tag == "NNG" else []
        return list(dict.fromkeys(out))

    def tokens_many(self, texts: Iterable[str]) -> list[list[str]]:
        """Tokenise several texts."""
        return [self.tokens(t) for t in texts]
