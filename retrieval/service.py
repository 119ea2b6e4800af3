"""The one call every adapter makes: `ask(question) -> Answer`."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from retrieval.answer import (
    COUNTRY_NAMES,
    ENGLISH_FOCUSED_KINDS,
    FOCUSED_KINDS,
    QUOTE_COVER,
    REORDER_GAP,
    SURE_KINDS,
    TOP_CHUNKS,
    AbstainPolicy,
    Answer,
    AnswerType,
    AskContext,
    Conversation,
    Evidence,
    FollowUpReader,
    Mode,
    NullModel,
    Question,
    Quote,
    Reading,
    ScoredSentence,
    Selector,
    SentencePicker,
    about_another_country,
    about_another_town,
    abstain_signals,
    agent_line,
    answer_order,
    answer_type,
    asked_countries,
    asked_event,
    asked_head_kind,
    asked_list,
    asked_measure,
    asked_posts,
    asked_spans,
    asked_sum_kind,
    asked_titles,
    asked_towns,
    asks_about_collection,
    asks_likeness,
    asks_others,
    asks_phone,
    asks_product_name,
    asks_town,
    asks_venue,
    asks_what_made,
    choose,
    clean_question,
    compose,
    countries,
    figure_given,
    figures_of_another,
    focus_words,
    has_phone,
    head_of,
    in_one_clause,
    labelled_for,
    labels_above,
    likened_words,
    likens,
    list_documents,
    list_lines,
    looks_like_injection,
    month_alone,
    named_acronyms,
    names_product,
    names_venue,
    numbered_item,
    only_countries,
    only_present,
    people_named,
    prefer_named,
    say,
    says_what_made,
    short_year,
    to_front,
    unnamed_heads,
    unnumbered_day,
    unnumbered_session,
    with_likeness_passage,
    with_passage,
    with_role_passage,
    with_section_passage,
)
from retrieval.documents import is_verbatim, normalize
from retrieval.errors import (
    LLMError,
    LLMUnavailableError,
    StoreEmptyError,
    StoreError,
    StoreUnavailableError,
)
from retrieval.index import (
    ENGLISH_STOPWORDS,
    ENGLISH_TITLES,
    HANGUL,
    NAME_START,
    PARTICLE,
    TITLE_WORDS,
    TITLES,
    StoredSentence,
    TextSource,
    acronyms,
    asked_in,
    by_surname,
    english_known,
    english_names,
    hangul_share,
    is_place,
    lettered,
    looks_like_person,
    people_beside,
    same_post,
    with_alternates,
    word_written,
    written_as_word,
    written_dotted,
)
from retrieval.search import IndexSnapshot, Searcher, SearchResult

if TYPE_CHECKING:
    from retrieval.llm import LLMAnswerer

log = logging.getLogger(__name__)


def _holds_name_and_span(c: ScoredSentence, names: list[str], kind: AnswerType, question: str,
                         idx: IndexSnapshot) -> bool:
    """True when the passage (read with its lead) names a question's name and holds the span asked."""
    body = idx.index_text(c.chunk_id)
    text = f"{idx.leads.get(c.sentence.source, '')}\n{body}"
    # One name is enough: a passage may write the others another way ("연평 부대", 연평도).
    # But the one the question sets as its subject ("카카오는 … 얼마 투자", "울산은 언제")
    # must be there itself, whatever kind of span is asked.
    subject = [n for n in names if re.search(rf"{re.escape(n)}(?:은|는|이|가)\s", question)]
    checked = subject[:1] or names
    if kind == "money" and not any(is_place(n) for n in checked):
        # A sum is said of what its sentence or its headings name: the 1천억원 raised by
        # 업스테이지, listed in the passage on 딥시크's shock, is no cost of 딥시크's. A place
        # says where, not whose: its passage is enough ("울산 데이터센터 투자액").
        return (any(w in c.sentence.indexed for name in checked for w in idx.aliases.spellings(name))
                and bool(asked_spans(kind, question, c.sentence.near)))
    # "한미" is "한·미" as the documents write it.
    return (any(w in text or written_dotted(w, text)
                for name in checked for w in idx.aliases.spellings(name))
            and bool(asked_spans(kind, question, body)))


def _named_in(name: str, text: str, idx: IndexSnapshot) -> bool:
    """True when the text names them, in a spelling the documents use or by surname and title.

    A story names a person by surname and a title it first gave them ("정준화 … 입법조사관" →
    "정 조사관은 … 6가지 전략을"); "이 대표" or "전 장관" alone may be anyone.
    """
    if any(w in text for w in idx.aliases.spellings(name)):
        return True
    return looks_like_person(name) and any(
        re.search(rf"(?<![가-힣]){name[0]}\s{re.escape(t)}(?:은|는|이|가|의|에게|께서|도|(?![가-힣]))",
                  text) for t in idx.titles_given(name))


_FIGURE = re.compile(r"(?<![\d.,A-Za-z])(?:\d{1,3}(?:,\d{3})+|\d{2,})(?![\d.,]?\d)")


def _beside_any(names: list[str], c: ScoredSentence) -> bool:
    """True when a person the sentence (or its heading) names stands beside one of `names`."""
    return any(re.search(rf"{re.escape(n)}\s+{re.escape(p)}", c.sentence.near)
               for n in names for p in people_named(c.sentence.near))


# A firm's executives too ("상무", "전무"), not a ministry (미국 상무부) nor "전무한".
_TITLE_AFTER = (rf"(?:\s+[^\s,]+){{0,2}}?\s+[^\s,]*?(?:{TITLES}|상무(?!부)|전무(?![가-힣]))"
                rf"(?![가-힣]{{2}})")


def _beside_body(bodies: list[str], text: str) -> bool:
    """True when the text names someone beside one of `bodies`, a title following
    ("배순민 KT AI2X 랩 상무", "KT 배순민 상무")."""
    for b in map(re.escape, bodies):
        for m in re.finditer(rf"{NAME_START}([가-힣]{{3}})\s+{b}(?![A-Za-z0-9]){_TITLE_AFTER}"
                             rf"|(?<![A-Za-z0-9]){b}\s+([가-힣]{{3}})(?![가-힣]){_TITLE_AFTER}", text):
            if looks_like_person(m.group(1) or m.group(2)):
                return True
    return False


def _figure_written(figure: str, text: str) -> bool:
    """True for a figure, not a year, that the text writes as a number of its own."""
    return (not re.fullmatch(r"(?:19|20)\d{2}", figure) and figure in text
            and bool(re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", text)))


def _named_together(names: list[str], result: SearchResult, question: str = "") -> bool:
    """True when one of the hits names every one of `names`, in any spelling the documents use.

    A name the documents write only inside a longer one, with another beside it in the
    question, is one name with it ("아마존 클라우드" for their 아마존웹서비스): a hit naming
    either names it. "카카오 울산", whose 카카오 they write as a word, is two.
    """
    corpus = result.index.corpus_text
    groups: list[list[str]] = []
    for n in names:
        last = groups[-1][-1] if groups else ""
        if (last and re.search(rf"{re.escape(last)}\s?{re.escape(n)}", question)
                and not written_as_word(last, corpus)):
            groups[-1].append(n)
        else:
            groups.append([n])
    spellings = [[s for n in group for s in result.index.aliases.spellings(n)] for group in groups]
    leads = result.index.leads
    # A news lead's who and where ("일본 소프트뱅크 손정의 회장", "서울 광진구") hold for
    # the whole article, so a hit is read together with its document's first passage.
    # "한미" is how a question writes the documents' "한·미".
    return any(all(any(s in text or written_dotted(s, text) for s in ways) for ways in spellings)
               for text in (f"{leads.get(h.chunk.source, '')}\n{h.chunk.titled}"
                            for h in result.hits))


def _story_names(idx: IndexSnapshot, source: str, words: list[str]) -> bool:
    """True when any passage of one document writes any of the words."""
    return any(w in ch.text for ch in idx.chunks_of(source) for w in words)


def _joined(names: list[str], question: str, corpus: str) -> list[str]:
    """The names, each two foreign words the question and the documents write one after the
    other as one: "르네 하스" (Kiwi gives 르네 and 하스), not "권석준 성균관대"."""
    out: list[str] = []
    for name in names:
        if (out and (both := f"{out[-1]} {name}") in question and both in corpus
                and not looks_like_person(out[-1]) and not looks_like_person(name)):
            out[-1] = f"{out[-1]} {name}"
        else:
            out.append(name)
    return out


def _stories_naming_first(names: list[str], cands: list[ScoredSentence],
                          idx: IndexSnapshot) -> list[ScoredSentence]:
    """The candidates from stories naming a place the question names first, else as ranked.

    "At the Ulsan meeting, what did the science minister …" is about the story set in 울산;
    an English question's words match another story's as well, by meaning alone.
    """
    places = [n for n in names if is_place(n)]
    if not places:
        return cands
    naming = {c.sentence.source for c in cands if _story_names(idx, c.sentence.source, places)}
    if not naming:
        return cands
    return ([c for c in cands if c.sentence.source in naming]
            + [c for c in cands if c.sentence.source not in naming])


def _all_of_another(question: str, asked: AnswerType, best: list[ScoredSentence],
                    wanted: set[str], about_another: Callable[[set[str], str, list[str]], bool],
                    text_of: Callable[[StoredSentence], str]) -> bool:
    """True when the best sentences hold the span asked, each only beside places not `wanted`.

    `about_another` is given each sentence's text and the spans asked found in it.
    """
    holding = [(text, found) for c in best
               if (found := asked_spans(asked, question, text := text_of(c.sentence)))]
    return bool(holding) and all(about_another(wanted, text, found) for text, found in holding)


_NUMBER = re.compile(r"[\d.,]+")
_EVENTS = "간담회|회의|세미나|행사|컨퍼런스|콘퍼런스|면담|접견|회담|포럼|토론회|설명회|발표회"
# Whom an English question cites for what it asks: "…, per Jung Joon-hwa of the Assembly?".
_CITED = re.compile(r"\b(?:per|according to|as (?:said|told|stated) by|citing)\s+[^,?.!]+", re.I)
# How far down the order a line naming the post asked with its holder is looked for.
_POST_WINDOW = 20
# What the list of those present says itself: whom they work for, that they came.
_ASKS_OF_LIST = re.compile(r"회사|기업|업체|소속|참석|참가|배석|\bcompan(?:y|ies)\b|\bfirms?\b|"
                           r"\battend", re.I)
# Units a count is written in: a question's word rendered as one names no topic.
_COUNTERS = frozenset("명 개 곳 건 장 개사 개국".split())
# When something was: the kinds an English answer may open with from anywhere in its order.
_WHEN = frozenset({"date", "time"})
# Roles an English question asks someone of a body in ("Which KT executive", "the official
# from KCCI", "who represented KT").
_ROLES = (r"executives?|officials?|representatives?|ceos?|heads?|chiefs?|directors?|managers?|"
          r"researchers?|engineers?|leaders?|vice presidents?|speakers?|panelists?")
# How far down the order a line writing a phone number is looked for: the best passages'.
_PHONE_WINDOW = 10
# A figure's kinds: what a country's own figure ("China's investment") is asked as.
_FIGURES = frozenset({"money", "quantity", "count", "percent", "people"})
# The documents' own country: their figures are its unless they say otherwise.
_HOME = "한국"
_WORLDWIDE = re.compile(r"\b(?:world(?:wide)?|global(?:ly)?|international(?:ly)?)\b", re.I)
# Korea as whose figure it is ("Korea's share of global …", "did South Korea attract"):
# the world's total is then what it is a share of, not what is asked.
_KOREAS_OWN = re.compile(
    r"\bKorea['’]s\s+(?:own\s+)?(?:share|total|number|count|rank|ranking|investments?|funding"
    r"|gdp|exports?|budget|spending|figure)\b"
    r"|\b(?:did|does|do|will|has|have|can)\s+(?:South\s+)?Korea\b(?!['’]s)", re.I)
# The kinds a sum of money may be asked as: "얼마를 투자", "순이익은 얼마".
_SUMS = frozenset({"money", "quantity"})
# "모델 이름은 뭐야", "행사 명칭이 무엇인가": the answer is what something is called.
_ASKS_NAME = re.compile(r"(이름|명칭|제목|상호|별명|별칭)\s*(은|는|이|가|을|를|도|좀)?\s*"
                        r"(뭐|무엇|무슨|어떻게|알려|말해)")
# A firm's name asked ("상위 5개 기업 이름"): a town or country is no answer to it.
_ASKS_FIRM_NAME = re.compile(r"(기업|회사|업체|스타트업|기관)\S{0,2}\s*(이름|명칭|상호)")
# "란돌프 디렉터가 밝힌 …": a figure the question says someone gave.
_SAID_BY = re.compile(r"(?<=[가-힣]{2})(?:이|가|께서)\s(?:밝힌|말한|언급한|제시한|발표한|설명한|소개한|전한)")
# "대한상의에 따르면 …": a sentence citing someone for what it says; whom, the words before say.
_CITES = re.compile(r"에\s?따르면")
# A quoted remark's close: "…"고 밝혔다, "…"며. Single quotes mark terms ('AI 3대 강국'이라고).
_QUOTE_SAID = re.compile(r"[\"”]\s?(?:라|이라)?(?:고|며|면서)(?:\s|[,.]|$)")
# The English nouns that say what a sum is of, not how it came ("investment" may be raised).
_SUM_OF = re.compile(r"\b(valuation|revenue|sales|budget|price|cost)s?\b", re.I)
_QUOTED_TERM = re.compile(r"[‘“'\"「『《〈][^’”'\"」』》〉]{1,15}[’”'\"」』》〉]")
# A year, not an amount: "2000억원", "2048개", "1990만 명", "the 2000 GPUs", "2000 MW" are
# no years; "the 2023 survey" is one.
_YEAR = re.compile(r"(?<![\d.,'’])((?:19|20)\d{2})(?![\d.,]?\d)"
                   r"(?!\s*(?:만|억|조|천|개|장|명|원|달러|%|[A-Za-z]+s\b|[MGk]W\b|[GT]B\b|km\b))")


def _names_anybody(text: str) -> bool:
    """True when a text names a person before a title, or before brackets saying who they are."""
    return bool(people_named(text)) or any(looks_like_person(n) for n in _BRACKETED.findall(text))


def _blank_place(m: re.Match[str]) -> str:
    """A place word blanked where it stands after nothing or after a wider place ("경북 경주에서");
    after a name it is part of a venue's ("그랜드 워커힐 서울에서")."""
    before = m.string[:m.start()].split()
    return " " if not before or is_place(before[-1]) else m.group(0)


def _without(text: str, words: list[str]) -> str:
    """The text with each of the words blanked out where it names the place itself."""
    for w in sorted(set(words), key=len, reverse=True):
        text = re.sub(rf"(?<![가-힣]){re.escape(w)}(?={PARTICLE}(?![가-힣]))", _blank_place, text)
    return text


# A name before brackets holding where they work ("최경진(AI법학회)") or their phone number
# ("박승록 (044-204-7250)"), not an acronym's gloss ("반도체(HBM)").
_BRACKETED = re.compile(r"(?<![가-힣])([가-힣]{3})\s?\((?=[^)]*[가-힣]|\d{2,4}-)")


def _year_written(year: str, corpus: str) -> bool:
    """True when the documents write the year, in full or short ("'24", "24년", "24.2.5.")."""
    return year in corpus or bool(short_year(year).search(corpus))


class Asker(Protocol):
    """Anything that turns a question into an `Answer`."""

    def ask(self, question: str, context: AskContext | None = None,
            conversation: Conversation | None = None) -> Answer:
        """Answer one question, read as a follow-up of `conversation` when it leans on it."""
        ...

    def documents(self, lang: str = "ko") -> str:
        """What can be asked about: one line per stored document, "" when there are none."""
        ...


class PolicyService:
    """Search, decide, answer and verify: the whole core behind one method."""

    def __init__(
        self,
        searcher: Searcher,
        sources: TextSource,
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
        self.followups = FollowUpReader(searcher.morph)
        self._store_problem: str | None = None  # logged once per outage, not per question

    def search(self, question: str, k: int | None = None) -> SearchResult:
        """Ranked chunks for a question (no answer); none for a question without words."""
        q = self._recased(clean_question(question))
        if q.empty:
            return self.searcher.nothing(q.text)
        return self.searcher.search(q.text, k or self.k)

    def ask(self, question: str, context: AskContext | None = None,
            conversation: Conversation | None = None) -> Answer:
        """Answer a question from the documents, or say plainly that they don't hold it.

        With a conversation, a follow-up is first completed into a standalone question.
        """
        started = time.perf_counter()
        q = self._recased(clean_question(question))
        reading = self.read(q, conversation)
        asked = self._recased(clean_question(reading.question)) if reading else q
        try:
            answer = self._answer(asked, reading.sources if reading else ())
        except StoreError as exc:
            answer = self._store_failed(asked, exc)
        if reading is not None:
            answer.question, answer.reading, answer.read_as = q.text, reading.note, asked.text
        if q.truncated:
            answer.notice = " ".join(filter(None, [say("truncated", q.lang), answer.notice]))
        answer.latency_ms = (time.perf_counter() - started) * 1000
        ctx = context or AskContext()
        log.info("ask platform=%s channel=%s mode=%s abstained=%s quotes=%d %.0fms",
                 ctx.platform, ctx.channel, answer.mode, answer.abstained, len(answer.quotes),
                 answer.latency_ms)
        return answer

    def _recased(self, q: Question) -> Question:
        """The question's names as the documents write them ("lablup" as Lablup, "엘지" as LG)."""
        if q.lang == "en":
            idx = self.searcher.index
            return replace(q, text=idx.aliases.recased(
                q.text, lambda ko: self.searcher.morph.is_proper_noun(ko) or idx.names_a_body(ko)))
        df = self.searcher.index.lexical.df
        return replace(q, text=lettered(q.text, self.searcher.morph.proper_nouns(q.text),
                                        lambda acronym: acronym.lower() in df))

    def documents(self, lang: str = "ko") -> str:
        """What can be asked about: one line per stored document, "" when there are none."""
        try:
            return "" if self.searcher.empty else list_documents(self.searcher.chunks, lang)
        except StoreError as exc:
            # A list is a courtesy next to usage help: a store that fails still gets the help.
            log.warning("could not list the documents: %s", exc)
            return ""

    def read(self, q: Question, conversation: Conversation | None) -> Reading | None:
        """The standalone reading of a follow-up, or None for a question that stands alone."""
        if q.empty or not conversation or looks_like_injection(q.text):
            return None
        try:
            reading = self.followups.read(q.text, conversation)
        except Exception:
            # Reading a follow-up is a help: a bug in it must not cost the answer.
            log.exception("could not read the question as a follow-up; answering it as asked")
            return None
        if reading is None or self.llm is None:
            return reading
        # The rules decide whether it is a follow-up; the model only words the completion.
        try:
            worded = self.llm.rewrite(q.text, conversation)
        except LLMError as exc:
            log.info("LLM rewrite unusable, reading the follow-up offline: %s", exc)
            return reading
        except Exception:
            log.exception("LLM rewrite failed unexpectedly, reading the follow-up offline")
            return reading
        return Reading(worded, worded, reading.sources)

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

    def _answer(self, q: Question, prefer: tuple[str, ...] = ()) -> Answer:
        if q.empty:
            # Asked nothing, the reader still learns what can be asked about.
            listed = self.documents(q.lang)
            text = say("empty", q.lang) + (f"\n\n{listed}" if listed else "")
            return Answer(q.text, text, abstained=True, lang=q.lang)
        if looks_like_injection(q.text):
            return Answer(q.text, say("steer", q.lang), abstained=True, lang=q.lang)
        if asks_about_collection(q.text) and (listed := self.documents(q.lang)):
            return Answer(q.text, listed, abstained=False, lang=q.lang)
        # An English question is also searched in the model's Korean, when there is a model.
        also = self.llm.korean_question(q) if self.llm is not None and q.lang == "en" else None
        result = self.searcher.search(q.text, self.k, also=also)
        if prefer:
            # A follow-up on the same subject most likely continues in the same document.
            result.hits.sort(key=lambda h: h.chunk.source not in prefer)
        # The line saying who gave the talk, or what was likened, shares few words with the
        # question and may rank below the passages the answer reads; added after the
        # follow-up's order, so that no sort moves it down again.
        result = with_role_passage(q.text, result, place=TOP_CHUNKS - 1)
        result = with_likeness_passage(q.text, result, place=TOP_CHUNKS - 1,
                                       morph=self.searcher.morph)
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
            # English words can't be looked up in Korean text, but acronyms (HBM4, GPU) can,
            # as can a body's acronym by its Korean name ("KCCI" as 대한상공회의소).
            capitals = re.findall(r"\b[A-Z][A-Z0-9]{1,}\b", q.text)
            korean = self.searcher.glossary.entries
            missing = tuple(k for k in capitals if k.lower() not in idx.corpus_text
                            and not any(w in idx.corpus_text for w in korean.get(k.lower(), ())))
            covered = 1.0
            # So does one quoting a figure they write ("the 161 US unicorns"): a number of two
            # digits or more, not a year, standing on its own in their text.
            # Only a figure the best passages write counts: "10" or "100" is written everywhere.
            passages = " ".join(h.chunk.text for h in result.hits[:3])
            # A place heard by its sound is named too ("Ulsan" is 울산): places sound like few words.
            # So is a firm the documents write only in Korean ("Lablup" is 래블업).
            # A name a question writes in title case that the documents write in capitals
            # ("Arm" for ARM) is theirs, where it tells their passages apart.
            shouted = [w.upper() for w in re.findall(r"(?<=\w )[A-Z][a-z]{2,}\b", q.text)
                       if w.lower() not in ENGLISH_STOPWORDS]
            # So is a city by the Korean name they write ("San Francisco" as 샌프란시스코),
            # where it tells their passages apart; not a country: "Korea" tells nothing.
            placed = [k for n in english_names(q.text)
                      for k in self.searcher.gazetteer.entries.get(n.lower(), ())
                      if is_place(k) and k not in COUNTRY_NAMES]
            heard = idx.aliases.renderings(q.text)[0]
            paired = idx.aliases.renderings(q.text, by_sound=False)[0]
            # So does a minister by the ministry's field ("the science minister", of 과기부).
            named = (bool(idx.aliases.renderings(q.text, by_sound=False, capitalised=True)[0])
                     or bool(self.searcher.ministers_named(idx, q.text))
                     or any(is_place(n) for n in heard)
                     or any(self._sounds_named(n, idx) for n in heard if n not in paired)
                     or any(idx.singles_out(idx.passages_writing_word(w)) for w in shouted)
                     # An acronym written as they write it ("KT", "ARM"), where it tells their
                     # passages apart: "AI" tells nothing, nor does a title ("CEO").
                     or any(idx.singles_out(idx.passages_writing_word(w))
                            for w in named_acronyms(q.text, result))
                     or any(idx.singles_out(idx.passages_holding(k)) for k in placed)
                     or any(_figure_written(n, passages) for n in set(_FIGURE.findall(q.text))))
        else:
            keys = self.searcher.morph.key_terms(q.text)
            top: set[str] = set()
            for h in result.hits[:3]:
                top.update(idx.lexical.tokens_of(idx.positions[h.chunk.id]))
            # A key word the documents write formally ("자료" as 데이터) is covered as written.
            ways = result.alternates
            top = set(with_alternates(tuple(top), ways))
            covered = idx.lexical.share(keys, top) if keys else 1.0
            missing = tuple(t for t in keys if not idx.mentions(t) and not any(
                all(idx.mentions(w) for w in way) for way in ways.get(t, ())))
            named = False
        return Evidence(dense_top, self.null_model.top(result.vector), covered, missing, q.lang,
                        named)

    def _sounds_named(self, name: str, idx: IndexSnapshot) -> bool:
        """True when a word heard by its sound ("Lablup" as 래블업) is a name they single out.

        Bare consonants sound like common words too ("Bank" as 부흥기): it must be written as
        a word of its own, and read as a name where one stands, before a title.
        """
        return (idx.singles_out(idx.passages_holding(name))
                and written_as_word(name, idx.corpus_text)
                and name in self.searcher.morph.proper_nouns(f"{name} 대표"))

    def examine(self, q: Question) -> tuple[SearchResult, list[ScoredSentence], Evidence]:
        """Search, score the candidate sentences and gather the abstention evidence."""
        result = self.searcher.search(q.text, self.k)
        cands = self.picker.candidates(result)
        return result, cands, self.evidence(q, result, cands)

    def should_abstain(self, q: Question, cands: list[ScoredSentence], ev: Evidence,
                       result: SearchResult | None = None,
                       ranked: list[ScoredSentence] | None = None) -> bool:
        """True when the evidence says the documents don't hold the answer.

        `ranked`: the candidates in the answer's order, when the caller has them already.
        """
        idx = result.index if result is not None else self.searcher.index
        asked = answer_type(q.text)
        # Documents in English name "the UK", not 영국: a Korean name can't be looked up in
        # them, and an English one can. The best passages say which the answer would come
        # from, so a few English documents among Korean ones change nothing for the rest.
        korean_documents = (hangul_share(" ".join(h.chunk.text for h in result.hits[:3]))
                            if result is not None and result.hits else idx.hangul_share) >= 0.5
        years = [y for y in _YEAR.findall(q.text) if not _year_written(y, idx.corpus_text)]
        if years:
            # "2023년 민간 투자" when the documents give 2024's: a year they never write is a
            # time they don't cover.
            log.info("abstained: the documents never mention %s", ", ".join(years))
            return True
        session = (unnumbered_session(q.text, idx.corpus_text)
                   or unnumbered_day(q.text, idx.corpus_text)) if korean_documents else None
        if session is not None:
            # "the second committee meeting" when the documents number only the first: a
            # session they never number so is a time they don't cover, as a year is.
            log.info("abstained: the documents never mention %s", session)
            return True
        if q.lang == "en" and korean_documents:
            # "What did Samsung propose?" over documents that never write 삼성: a well-known
            # place, firm or body they never name is a subject they don't cover.
            gazetteer = self.searcher.gazetteer
            unwritten = (gazetteer.unwritten(english_names(q.text), idx.corpus_text)
                         + gazetteer.unwritten_phrases(q.text, idx.corpus_text))
            if unwritten:
                log.info("abstained: the documents never mention %s", ", ".join(unwritten))
                return True
        if q.lang == "en" and not korean_documents:
            unknown = [w for w in english_names(q.text) if not english_known(w, idx.corpus_text)]
            if unknown:
                log.info("abstained: the documents never mention %s", ", ".join(unknown))
                return True
        if q.lang == "ko":
            # A name the documents never mention is a subject they don't cover ("테슬라의 …"),
            # unless it is a product of a firm they name ("챗GPT 만든 회사" is 오픈AI).
            made = [p.lower() for p in self.searcher.makers_named(idx, q.text)[1]]
            # A place written in Latin letters ("SF") is the one the place table spells it as.
            unknown = [t for t in self.searcher.morph.proper_terms(q.text)
                       if not t.isdigit() and not any(t.lower() in p for p in made)
                       and not self.searcher.gazetteer.written(t, idx.corpus_text)
                       and (korean_documents or not HANGUL.search(t))
                       and not idx.mentions(t)
                       and not word_written(t, q.text, idx.corpus_text)
                       and not by_surname(t, q.text, idx.corpus_text)
                       and not asked_in(t, q.text)
                       # "소뱅" is how people write 소프트뱅크, not another firm.
                       and not idx.clipped(t)]
            if unknown:
                log.info("abstained: the documents never mention %s", ", ".join(unknown))
                return True
            # Two names the documents hold apart, never in one passage, are a subject they
            # don't tie together ("카카오의 울산 데이터센터" when only SK builds there). Names
            # listed ("카카오와 네이버는 각각…") are asked about one by one, so they may be.
            if result is not None and result.hits:
                morph = self.searcher.morph
                names = [n for n in self.searcher.question_names(idx, q.text)
                         if not asked_in(n, q.text)]
                # A place before an event ("울산 간담회에 나온 카카오 대표", "울산 AI 간담회")
                # says which event, whose story is found by search; it is no name to hold
                # beside the others.
                names = [n for n in names if not (is_place(n) and re.search(
                    rf"{re.escape(n)}(?:\s?|\s(?:[가-힣A-Za-z]{{1,6}}\s){{1,2}}?)(?:{_EVENTS})", q.text))]
                if not korean_documents:
                    names = [n for n in names if not HANGUL.search(n)]
                # A country beside other names is the setting, which a passage may leave
                # unsaid ("2009년 서해 교전 당시 대한민국의 국무총리"), when the story the best
                # passage is from writes it somewhere ("중국에서 카카오 대표가" is not the
                # Ulsan story's).
                story = result.hits[0].chunk.source
                together = [n for n in names
                            if not (only_countries(n) and _story_names(idx, story, [n]))] or names
                if (len(together) > 1 and not morph.lists_names(q.text)
                        and not _named_together(together, result, q.text)):
                    log.info("abstained: no passage names %s together", ", ".join(together))
                    return True
                # A name most passages hold ("한국") says little of which sum is meant; the
                # rarer ones ("UAE") must stand with it. Acronyms are names too.
                named = names + [a for a in acronyms(q.text) if a not in names]
                rare = [n for n in named if idx.singles_out(idx.passages_holding(n))] or names
                # A town asked of them ("래블업의 본사는 어느 도시") is as sure a span as a sum;
                # any place is not (메이오클리닉 is no place the spans know).
                sure = asked in SURE_KINDS or (asked == "place" and asks_town(q.text))
                if rare and sure and asked is not None and not any(
                        _holds_name_and_span(c, rare, asked, q.text, idx) for c in cands[:3]):
                    # "퓨리오사AI 투자 얼마나 받았어?" answered by another firm's sum: the
                    # documents name 퓨리오사AI, never beside a sum.
                    log.info("abstained: no best passage holds %s and a %s together",
                             ", ".join(names), asked)
                    return True
        if asked is None and result is not None and not _ASKS_OF_LIST.search(q.text):
            # "쿼타랩 최동현 대표는 어떤 제안을 했나" when the documents only list him among
            # those present: they name him, and say nothing he said or did.
            # "한·미 세미나" says where; the people and bodies named are whom it asks about.
            subjects = _joined([n for n in self._subjects(q, idx) if not only_countries(n)],
                               q.text, idx.corpus_text)
            # A title ("교수" for "Professor Kwon") names the person too; it asks nothing, nor
            # does the event they were at ("접견에서 뭐라고 말했어?"), nor where they work and
            # their post, written with their name ("배순민 KT 상무", "KT 배순민").
            asked_words = [t for t in result.tokens if t not in TITLE_WORDS
                           and not re.fullmatch(_EVENTS, t)
                           and not any(t in n or n in t for n in subjects)
                           and not any(re.search(rf"{re.escape(n)}(?:\s\S*[^\s은는이가을를의에])?"
                                                 rf"\s{re.escape(t)}(?![A-Za-z0-9])"
                                                 rf"|(?<![가-힣A-Za-z0-9]){re.escape(t)}\s{re.escape(n)}",
                                                 q.text, re.I)
                                       for n in subjects if looks_like_person(n))]
            present = [n for n in subjects
                       if only_present(n, asked_words, idx.lines_holding)]
            # The others may be where the person works, named beside them ("권석준 성균관대
            # 교수", "포티투마루 김동환"), or the event's host ("대한상의 세미나에서"): still whom it asks about is the
            # person, whom the documents only list.
            # A name of two syllables is a person where the question gives their title ("우신 교수").
            people = [n for n in present if looks_like_person(n) or re.search(
                rf"(?<![가-힣]){re.escape(n)}\s?(?:{TITLES})(?![가-힣]{{2}})", q.text)]
            setting = [n for n in subjects if n not in present and (
                # What the remark asked is about ("딥시크에 대해 어떤 의견"): the topic, not
                # someone who might have said it.
                re.search(rf"{re.escape(n)}(?:에\s?(?:대해|대한|관해|관한)|\s?관련)", q.text)
                # The host may stand a word before it: "중기부 딥시크 회의에서".
                or re.search(rf"{re.escape(n)}\S{{0,2}}(?:\s+[가-힣A-Za-z0-9]{{1,8}}(?<![은는이가을를의]))?"
                          rf"\s*(?:{_EVENTS})", q.text)
                or any(re.search(rf"{re.escape(p)}\s+{re.escape(n)}|{re.escape(n)}\s+{re.escape(p)}",
                                 q.text) for p in people))]
            if present and (len(present) == len(subjects)
                            or (people and len(present) + len(setting) == len(subjects))):
                log.info("abstained: the documents only list %s among those present",
                         ", ".join(present))
                return True
        if asked in (None, "person") and result is not None:
            # A public body an English question names by its acronym or English name ("the
            # chairman of KCCI"): nobody the documents name of it holds a post they never write.
            titles = asked_titles(q.text) if asked == "person" else set()
            for body in self._public_posts(q, idx) if titles else ():
                if not any(idx.post_written(b, t) for b in idx.aliases.spellings(body) for t in titles):
                    log.info("abstained: the documents name no %s of %s", "/".join(sorted(titles)), body)
                    return True
            # "Who is the CEO of Upstage?" when the documents name only its CTO: they say
            # who works there, not who holds the post asked. "What did Google's CEO say?"
            # when they name nobody of Google: nothing anybody there said.
            for body, title in self._posts_asked(q, idx) if asked or q.lang != "ko" else ():
                ways = idx.aliases.spellings(body)  # 중기부 is 중소벤처기업부 too
                written = any(idx.post_written(b, title) for b in ways)
                if not written and (
                        any(idx.people_of(b, "") for b in ways) if asked == "person"
                        else self._post_of(q, body, idx) and not any(idx.people_of(b, "") for b in ways)):
                    log.info("abstained: the documents name no %s of %s", title, body)
                    return True
                # "창업진흥원 본부장 이름은?" where the post is written only as a row's heading
                # ("■ 창업진흥원 본부장 • …"): no sentence naming the body names anybody, nor
                # does one with the body in brackets ("김동환(포티투마루)"). A town's post is
                # written as one word with it ("김두겸 울산시장").
                # The question asks the body's post in so many words ("창업진흥원 본부장"), not
                # a post beside a word the body is part of ("케인스주의자인 미국의 대통령").
                if (asked == "person" and q.lang == "ko" and not is_place(body)
                        and re.search(rf"{re.escape(body)}(?:의)?\s?{re.escape(title)}", q.text)
                        and written
                        and not any(people_named(t) for b in ways
                                    for t in idx.sentences_holding(b))
                        and not any(re.search(rf"[가-힣]{{2,4}}\s?\({re.escape(b.lower())}",
                                              idx.corpus_text) for b in ways)):
                    log.info("abstained: the documents write the %s of %s, and name nobody in it",
                             title, body)
                    return True
        # The best sentences, and the one the answer would open with ("(일시/장소) …" for when).
        if ranked is None and result is not None:
            ranked = self._order(q, cands, result)[0]
        best = cands[:3] + (ranked or [])[:1]
        whose = asked_countries(q.text) if q.lang == "ko" else set()
        # "한국의 AI 유니콘은 몇 개" is not answered by America's count, nor "한국 벤처투자에서
        # AI 비중" by the whole world's: every best sentence holding the span asked names
        # another country or the world, and not the one asked.
        if asked is not None and whose and _all_of_another(
                q.text, asked, best, whose,
                # "국내 1호 … 전 세계 병원 7,500곳": the count stands with the world, not Korea.
                lambda a, t, found: (about_another_country(a, t, world=True)
                                     or figures_of_another(a, t, found)),
                lambda s: s.indexed):
            log.info("abstained: the best sentences give a %s of another country than %s",
                     asked, ", ".join(sorted(whose)))
            return True
        towns = asked_towns(q.text) if q.lang == "ko" else set()
        # "뉴욕에 본사를 둔 곳은 몇 개" is not answered by San Francisco's count: every best
        # sentence holding the span asked, under its heading, names another city.
        if asked is not None and towns and _all_of_another(
                q.text, asked, best, towns, lambda a, t, _found: about_another_town(a, t),
                lambda s: s.near):
            log.info("abstained: the best sentences give a %s of another city than %s",
                     asked, ", ".join(sorted(towns)))
            return True
        if q.lang == "ko" and korean_documents and asked in FOCUSED_KINDS:
            # "딥시크 비용은 얼마" is not answered by a sum beside 딥시크's other news: the
            # sentence that gives the sum or date must say what it is of. A word the documents
            # never use as one ("쏟아부은 자금", where they say 투자) is the question's own
            # wording: no sentence could hold it.
            focus = [w for w in focus_words(self.searcher.morph, q.text) if idx.lexical.df.get(w)]
            if focus and not any(self._span_beside(q, asked, focus, c) for c in cands[:3]):
                log.info("abstained: no best sentence gives a %s beside %s", asked,
                         ", ".join(focus))
                return True
        said = (_SAID_BY if q.lang == "ko" else _CITED).search(q.text) if asked in _FIGURES else None
        if said is not None:
            # "란돌프 디렉터가 밝힌 투자 총액", "… according to Sean Randolph" is not answered by
            # "대한상의에 따르면 … 1,090억달러", nor by a headline's figure: no best sentence
            # giving the figure is theirs, by naming them or by quoting someone uncited (their
            # words go on unnamed).
            # An English question cites a person ("according to Sean Randolph"), who the
            # documents write with a title; not a release about DeepSeek.
            named = ([n for n in self._subjects(q, idx) if n in q.text[:said.start()]]
                     if q.lang == "ko" else
                     [n for n in idx.aliases.korean_names(said.group(0)) if looks_like_person(n)
                      or re.search(rf"{re.escape(n)}\s?(?:{TITLES})", idx.corpus_text)])
            speaker = [w for n in named if not is_place(n) for w in idx.aliases.spellings(n)]
            # News names a person in full once, then by surname and title ("정 조사관은").
            speaker += [f"{n[0]} {t}" for n in named if looks_like_person(n)
                        for t in idx.titles_given(n)]

            def theirs(c: ScoredSentence) -> bool:
                text = c.sentence.text
                cited = _CITES.search(text)
                if cited is not None:
                    # "션 란돌프 디렉터의 발표에 따르면": the name stands a few words before.
                    return any(w in text[max(0, cited.start() - 30):cited.end()] for w in speaker)
                return (any(w in c.sentence.indexed for w in speaker)
                        or _QUOTE_SAID.search(text) is not None)

            holding = [c for c in best if asked_spans(asked, q.text, c.sentence.near)]
            if speaker and holding and not any(theirs(c) for c in holding):
                log.info("abstained: no best sentence giving a %s is %s's", asked, speaker[0])
                return True
        # In English documents the glossary's Korean words are nowhere: Korean ones only.
        # The notice's own "(일시/장소) …" line, when the answer opens with it, says when and
        # where the event it announces was, whatever words it shares with the question.
        # It must be the notice of what the question names ("Minister Oh Young-ju's meeting"):
        # its document writes one of the question's names.
        # A body named by its acronym ("the MSS AI meeting") names the notice's sender too.
        names = (idx.aliases.korean_names(q.text) + self.searcher.acronym_names(idx, q.text)
                 if q.lang == "en" else [])
        notice = [c for c in (ranked or [])[:1] if labelled_for(q.text, c.sentence.text)
                  and any(n in h.chunk.titled for n in names for h in result.hits
                          if h.chunk.source == c.sentence.source)] if result is not None else []
        if (q.lang == "en" and result is not None and korean_documents
                and asked in ENGLISH_FOCUSED_KINDS and not (
                    any(asked_spans(asked, q.text, c.sentence.text) for c in notice)
                    or self._english_span_on_topic(
                        q, asked, best if asked in _WHEN else cands[:3], result))):
            return True
        # "서범석 대표가 이끄는 기업 이름": the firm of a person named heads their lines, above
        # the sentences, so a question naming a person is left to the other checks.
        firm = _ASKS_FIRM_NAME.search(q.text) is not None
        asks_a_name = _ASKS_NAME.search(q.text) is not None and not (
            firm and bool(people_named(q.text)))
        if q.lang == "ko" and asks_a_name and not any(
                self._gives_a_name(set(self.searcher.morph.proper_terms(q.text)), c, idx,
                                   firm=firm)
                for c in cands[:3]):
            # "카카오가 공개한 모델 이름은 뭐야?" when the documents say it was released, not what
            # it is called: no best sentence names anything the question doesn't.
            log.info("abstained: asked for a name, and none of the best sentences gives one")
            return True
        story_titles = {h.chunk.title for h in result.hits} if result is not None else set()
        if (q.lang == "en" and korean_documents and asked == "person" and not any(
                _names_anybody(" ".join([*(h for h in c.sentence.headings if h not in story_titles),
                                         c.sentence.text]))
                for c in best)):
            # "Who signed the MOU for the ministry?" when the lines say it was signed, by
            # nobody named: no best sentence, under its headings ("SK 최태원 회장" heads his
            # proposals), names anybody. A story's title names whom it is about ("이재명
            # 대통령–손정의 회장"), not who did each thing.
            log.info("abstained: asked who, and no best sentence names anybody")
            return True
        makers = [w for n in self._subjects(q, idx) if not is_place(n) and not looks_like_person(n)
                  for w in idx.aliases.spellings(n)] if asks_what_made(q.text) else []
        if makers and not any(says_what_made(c.sentence.near, makers, row=c.sentence.kind == "row")
                              for c in best):
            # "What does Mithril make?" when the documents only list its CEO on a panel: no
            # best sentence says what the firm makes or offers.
            log.info("abstained: asked what %s makes, and no best sentence says", makers[0])
            return True
        if asks_product_name(q.text) and not any(
                names_product(c.sentence.near, q.text, self._subjects(q, idx),
                              row=c.sentence.kind == "row") for c in best):
            # "What is the name of Upstage's model?" when the documents say it made one, not
            # what it is called: no best sentence gives a model, chip or service its name.
            log.info("abstained: asked what a product is called, and no best sentence names one")
            return True
        if asked in SURE_KINDS and not any(
                not figure_given(s, q.text)
                for c in best for s in asked_spans(asked, q.text, c.sentence.near)):
            # "When does it open?" answered by a sentence with no date, or "how much money"
            # by a head count, is a near miss: the documents talk about it, not about that.
            # Headings count: a list item under "SK: 7조원 투자" is about that sum. A day
            # asked ("며칠에 열렸나") is not answered by "2025년 이후" either, nor a part of
            # a sum by the sum the question gives ("1천억원대 투자 중 KT가 낸 금액").
            log.info("abstained: asked for a %s, and none is in the best sentences", asked)
            return True
        if asked == "place" and asks_town(q.text) and not any(
                s not in q.text for c in best for s in asked_spans(asked, q.text, c.sentence.near)):
            # "MOU는 어느 도시에서", "which country is it based in": a building is no answer,
            # and no best sentence names a town or a country. Nor is the one the question
            # names itself ("울산 앞바다 어느 해역" answered by a line on 울산).
            log.info("abstained: asked for a town or country, and no best sentence names one")
            return True
        if asked == "place" and asks_venue(q.text):
            # The town the question names is no venue ("which venue in Gyeongju" answered by
            # "경주에서 열리는"): the best sentences are read without it.
            places_named = ([n for n in self._subjects(q, idx) if is_place(n)]
                            + asked_spans("place", q.text, q.text))
            if not any(names_venue(_without(c.sentence.near, places_named)) for c in best):
                # "면담 장소는 어디", "어디에서 열렸어": where an event was held, which press
                # releases state when they know it. No best sentence says where anything was.
                log.info("abstained: asked where, and no best sentence says where anything was")
                return True
        if asked == "place" and asks_others(q.text) and not any(
                s not in q.text for c in best for s in asked_spans(asked, q.text, c.sentence.near)):
            # "울산 말고 나머지 6곳은 어디" answered by "울산 포함 7곳": the best sentences name
            # only the places the question names itself. Not people: a speaker's lines name
            # them only in the heading above ("SK 말고 발언한 대표는 누구" would be refused).
            log.info("abstained: asked for others than it names, and no best sentence has one")
            return True
        kind = asked_sum_kind(q.text) if asked in _SUMS else None
        if kind is not None and not any(kind.search(c.sentence.near) for c in (ranked or cands)[:1]):
            # "포티투마루의 매출액은 얼마" answered by the sum it raised: the sentence the answer
            # opens with gives a sum, not one of that kind.
            log.info("abstained: asked for a sum of a kind the opening sentence does not give")
            return True
        heads = asked_head_kind(q.text)
        if heads is not None and not any(heads.search(c.sentence.near)
                                         for c in best if asked_spans(asked, q.text, c.sentence.near)):
            # "업스테이지 직원 수는", "How many employees does Upstage have" answered by the
            # 1억명 who signed up for another firm's app: no best head count is of those asked.
            log.info("abstained: asked whom a head count counts, and no best sentence counts them")
            return True
        measure = asked_measure(q.text)
        if measure is not None and not any(measure.search(c.sentence.near) for c in best):
            # "몇 메가와트" answered by a share or a sum: the documents give no amount in it.
            log.info("abstained: asked for an amount in a unit none of the best sentences uses")
            return True
        if (ranked and result is not None and asks_likeness(q.text, strictly=True) and likens(
                ranked[0].sentence.text, likened_words(self.searcher.morph, q.text, result.tokens))):
            # "반도체를 무엇에 비유" answered by a line likening 반도체: the line says what was
            # asked in so many words, however little else it shares with the question.
            log.info("answered: the first sentence likens what the question asks about")
            return False
        selector = self.picker.selector
        if selector is not None and self.picker.fitted_for(q.text):
            miss = selector.miss_probability(abstain_signals(ev, cands, asked))
            log.info("miss probability %.2f", miss)
            return miss > 0.5
        abstain, why = self.policy.should_abstain(ev)
        if abstain:
            log.info("abstained: %s", why)
        return abstain

    def _posts_asked(self, q: Question, idx: IndexSnapshot) -> list[tuple[str, str]]:
        """The (body, title) pairs a "who" question asks the holder of ("업스테이지", "대표")."""
        found = asked_titles(q.text)
        # A title as the question writes it ("창업정책관"), not the part it ends in (정책관).
        titles = [t for t in found if not any(o != t and o.endswith(t) for o in found)]
        bodies = [b for b in self._subjects(q, idx)
                  if not looks_like_person(b) and not any(b.endswith(t) for t in TITLE_WORDS)
                  and idx.singles_out(idx.passages_holding(b))]
        # A Korean question writes the post after its body, a word between at most
        # ("업스테이지의 대표", "미스릴 최고경영자"): "회사 사장도 그 중기부 자리에" asks of no
        # 중기부 사장, nor "대통령이 … 녹색성장 동맹을" of a 녹색성장 대통령.
        return [(b, t) for b in bodies for t in titles
                if q.lang != "ko" or re.search(
                    rf"{re.escape(b)}\S*\s*(?:[^\s]+\s+)?{re.escape(t)}", q.text)]

    def _public_posts(self, q: Question, idx: IndexSnapshot) -> set[str]:
        """Public bodies an English question asks a post of by acronym or English name.

        "the chairman of KCCI", "the Korea Chamber of Commerce and Industry's chairman"; not
        "the Upstage CTO at the MSS meeting", where the body is the setting.
        """
        if q.lang == "ko":
            return set()
        # A minister is asked of a ministry, which the documents name in their own ways ("SME
        # minister" is 중기부 장관); the ministries' table answers for those.
        posts = "|".join(sorted(set(ENGLISH_TITLES) - {"minister"}, key=len, reverse=True))
        return {w for a, w in self.searcher.bodies_written(q.text)
                if idx.singles_out(idx.passages_holding(w)) and re.search(
            rf"\b(?:{posts})\s+of\s+(?:the\s+)?{re.escape(a)}\b"
            rf"|\b{re.escape(a)}(?:['’]s)?\s+(?:{posts})\b", q.text, re.I)}

    def _post_of(self, q: Question, body: str, idx: IndexSnapshot) -> bool:
        """True when an English question writes a post as the body's ("Google's CEO").

        An English name counts as the body by its pair in the documents or the table of
        well-known names, not by its sound ("Google" sounds like 고려).
        """
        if q.lang == "ko":
            # A Korean question's body before a post is as often what the post is in ("과학기술
            # 주무 장관"), not a body whose people are asked after.
            return False
        posts = "|".join(sorted(ENGLISH_TITLES, key=len, reverse=True))

        def ways(name: str) -> set[str]:
            return (set(idx.aliases.renderings(name, by_sound=False)[0])
                    | set(self.searcher.gazetteer.entries.get(name.lower(), ())))

        # "Did Google's CEO …" captures "Did Google": any trailing run of the words may be it.
        return any(body in ways(" ".join(words[i:]))
                   for m in re.finditer(
            rf"\b([A-Z][\w-]*(?:\s[A-Z][\w-]*)*)['’]s\s+(?i:{posts})\b"
            rf"|\b(?i:{posts})\s+of\s+(?:the\s+)?([A-Z][\w-]*(?:\s[A-Z][\w-]*)*)", q.text)
                   for words in [(m.group(1) or m.group(2)).split()] for i in range(len(words)))

    def _subjects(self, q: Question, idx: IndexSnapshot) -> list[str]:
        """Whom or what the question names: its Korean names, or an English one's renderings."""
        if q.lang != "ko":
            return list(dict.fromkeys(idx.aliases.renderings(q.text)[0]))
        names = self.searcher.question_names(idx, q.text)
        # Kiwi splits some names it doesn't know ("권석준" into 권, 석, 준); before a title
        # the documents also write after it, the whole name is a person all the same.
        # "개발한 대표" is a verb before the title, which Kiwi reads as one ("개발" + 하 + ㄴ).
        return names + [p for p in people_named(q.text)
                        if p not in names and idx.mentions(p)
                        and self.searcher.morph.morphemes(p)[-1].tag != "ETM"]

    def rank(self, q: Question, cands: list[ScoredSentence],
             result: SearchResult) -> list[ScoredSentence]:
        """The candidates in the order the answer takes them (evaluation judges the same)."""
        return self._order(q, cands, result)[0]

    def _order(self, q: Question, cands: list[ScoredSentence], result: SearchResult
               ) -> tuple[list[ScoredSentence], ScoredSentence | None, list[ScoredSentence]]:
        """The candidates as the answer takes them, the numbered item asked, the list asked."""
        ranked = self._measured_first(q, self._focused_first(q, answer_order(
            q.text, cands, result, self.searcher.morph, self.picker.fitted_for(q.text))))
        asked = answer_type(q.text)
        if q.lang == "en" and asked in _WHEN and ranked:
            # An English question's order is by meaning alone: the first sentence giving the
            # day asked beside the question's words ("28일 … 글로벌 초격차 테크 컨퍼런스")
            # answers it, not one giving a day of something else ("다음달 2일까지"). A sum or
            # count beside them may still be of something else ("핵심 제안 5가지" for GPUs).
            on_topic = self._english_topic(q, asked, result)
            # A notice's own "(일시/장소) …" line says when its event was, in no shared words.
            if (on_topic is not None and not on_topic(ranked[0])
                    and not labelled_for(q.text, ranked[0].sentence.text)):
                ranked = to_front(next((c for c in ranked if on_topic(c)), None), ranked)
        kind = asked_sum_kind(q.text) if asked in _SUMS else None
        if kind is not None and ranked and not kind.search(ranked[0].sentence.near):
            # "유니콘 기준 몸값은 얼마": in the passage the answer comes from, the sentence
            # giving a sum of the kind asked ("기업가치 10억달러") answers, not a sum of
            # investment ranked above it. Another passage's may be of anyone ("업스테이지
            # 기업가치" is not the unicorns').
            first = ranked[0].chunk_id
            ranked = to_front(next((c for c in ranked if c.chunk_id == first
                                    and kind.search(c.sentence.near)
                                    and asked_spans(asked, q.text, c.sentence.near)), None), ranked)
        if q.lang == "en" and asked == "person" and ranked:
            # "Who is the science minister?": the answer is the one the documents write beside
            # that ministry's name ("과기부 유상임 장관"), not another minister ranked above.
            ministry = self.searcher.ministers_named(result.index, q.text)
            if ministry and not _beside_any(ministry, ranked[0]):
                ranked = to_front(next((c for c in ranked if _beside_any(ministry, c)), None),
                                  ranked)
        if q.lang == "en" and asked == "person" and ranked:
            # "Which KT executive sat on the panel": the line naming someone beside KT ("배순민
            # KT AI2X 랩 상무") answers, not one where KT invested beside others' names.
            bodies = self._bodies_asked_of(q, result)
            if bodies and not _beside_body(bodies, ranked[0].sentence.text):
                ranked = to_front(next((c for c in ranked
                                        if _beside_body(bodies, c.sentence.text)), None), ranked)
        if asked == "person" and ranked:
            # "카카오 대표의 이름": the line writing someone between 카카오 and 대표 ("✅ 카카오
            # 정신아 대표") answers, not a town's head typed alike ("✅ 김두겸 울산시장").
            posts = self._posts_asked(q, result.index)

            def holds_post(c: ScoredSentence) -> bool:
                return any(people_beside(b, c.sentence.text, same_post(t)) for b, t in posts)

            if posts and not holds_post(ranked[0]):
                ranked = to_front(next((c for c in ranked[:_POST_WINDOW] if holds_post(c)), None),
                                  ranked)
        firm = self._unnamed_head(q, ranked[0]) if ranked else None
        if firm is not None:
            # Whom the row leaves unnamed is answered by the line that names them.
            ranked = to_front(next((c for c in ranked if head_of(firm, c.sentence.text)), None),
                              ranked)
        if asks_phone(q.text) and ranked and not has_phone(ranked[0].sentence.text):
            # "담당자 연락처는?": the best line writing a phone number answers; the release's
            # contact rows share few words with any question. An English question's order is
            # by meaning alone, which may rank them anywhere: all are looked through.
            window = len(ranked) if q.lang == "en" else _PHONE_WINDOW
            ranked = to_front(next((c for c in ranked[:window]
                                    if has_phone(c.sentence.text)), None), ranked)
        # "5가지 중 4번째" points at one numbered item, whatever it scored: it alone answers.
        item = numbered_item(q.text, ranked)
        if item is not None:
            return to_front(item, ranked), item, []
        # "5가지 제안은?" is answered by the line counting them and every one of them; the
        # abstention checks then read the line the answer opens with.
        size = asked_list(q.text)
        listed = list_lines(size, ranked, result.index.follows) if size else []
        return listed + [c for c in ranked if all(c is not x for x in listed)], None, listed

    def _bodies_asked_of(self, q: Question, result: SearchResult) -> list[str]:
        """The bodies an English question asks someone of, by role ("KT" in "Which KT executive")."""
        idx = result.index
        asked = [a for a in named_acronyms(q.text, result) if re.search(
            rf"\b{re.escape(a)}(?:['’]s)?\s+(?:{_ROLES})\b"
            rf"|\b(?:{_ROLES})\s+(?:of|from|at)\s+(?:the\s+)?{re.escape(a)}\b"
            rf"|\brepresent(?:s|ed|ing)?\s+{re.escape(a)}\b", q.text, re.I)]
        return [a for a in asked if idx.singles_out(idx.passages_writing_word(a))]

    @staticmethod
    def _unnamed_head(q: Question, c: ScoredSentence) -> str | None:
        """For "who", the firm whose head the sentence writes by the post asked alone, if any."""
        if answer_type(q.text) != "person":
            return None
        # "head of the AI law association" asks its 회장 as much as its 대표.
        asked = asked_posts(q.text)
        return next((firm for firm, title in unnamed_heads(c.sentence.text)
                     if not asked or title in asked), None)

    def _measured_first(self, q: Question, ranked: list[ScoredSentence],
                        window: int = 5) -> list[ScoredSentence]:
        """For an amount asked in a unit ("몇 배", "몇 메가와트") that the first sentence lacks,
        the first close candidate that gives one in it: within the selector's fitted gap of its
        best, as for any asked span, or among the top few where scores are the formula's."""
        measure = asked_measure(q.text)
        if measure is None or not ranked or measure.search(ranked[0].sentence.near):
            return ranked
        if self.picker.fitted_for(q.text):
            best = max(c.score for c in ranked)
            close = [c for c in ranked if c.score >= best - REORDER_GAP]
        else:
            close = ranked[:window]
        return to_front(next((c for c in close if measure.search(c.sentence.near)), None), ranked)

    def _focused_first(self, q: Question, ranked: list[ScoredSentence],
                       window: int = 5) -> list[ScoredSentence]:
        """For a Korean sum or date question whose first sentence holds none, the first of the
        top sentences holding one beside the question's word for it ("회의를 개최하였다")."""
        asked = answer_type(q.text)
        if (q.lang != "ko" or asked not in FOCUSED_KINDS or not ranked
                or asked_spans(asked, q.text, ranked[0].sentence.indexed)):
            return ranked
        focus = focus_words(self.searcher.morph, q.text)
        found = next((c for c in ranked[:window] if self._span_beside(q, asked, focus, c)),
                     None) if focus else None
        return to_front(found, ranked)

    def _span_beside(self, q: Question, asked: AnswerType, focus: list[str],
                     c: ScoredSentence) -> bool:
        """True when the sentence holds the kind of span asked and one of the focus words; a
        month alone, in one clause with all of them."""
        found = asked_spans(asked, q.text, c.sentence.near)
        if found and all(month_alone(s) for s in found):
            # A month alone is a loose date: it must stand in the clause that says what of.
            return any(in_one_clause(c.sentence.text, s, focus) for s in found)
        return bool(found) and self.picker.mentions(c.sentence, focus)

    def _gives_a_name(self, asked: set[str], c: ScoredSentence, idx: IndexSnapshot,
                      firm: bool = False) -> bool:
        """True when the sentence names something the question (`asked`) doesn't, or quotes a term.

        A name most passages hold ("AI") names nothing in particular; with `firm`, nor does a
        town's, a country's or a person's.
        """
        text = c.sentence.text
        if _QUOTED_TERM.search(text):
            return True
        # Half the passages, but never fewer than two: in one or two passages every name is.
        common = max(2.0, len(idx.chunks) / 2)
        # A foreign name's first words stand before the part the title follows ("션 란돌프");
        # a Korean one's are the firm ("루닛 서범석 대표").
        people = {w for p in (people_named(text) if firm else [])
                  for m in re.finditer(rf"(?:[가-힣]{{1,5}} ){{0,2}}{re.escape(p)}", text)
                  for w in (m.group(0).split() if not looks_like_person(p) else [p])}
        return any(t not in asked and not _NUMBER.fullmatch(t) and idx.lexical.df.get(t, 0) < common
                   and not (firm and (is_place(t) or t in people))
                   for t in self.searcher.morph.proper_terms(text))

    def _english_span_on_topic(self, q: Question, asked: AnswerType,
                               best: list[ScoredSentence], result: SearchResult) -> bool:
        """True when a `best` sentence holds the span asked beside a word of the English question."""
        on_topic = self._english_topic(q, asked, result)
        if on_topic is None or any(on_topic(c) for c in best):
            return True
        log.info("abstained: no best sentence gives a %s beside the question's words", asked)
        return False

    def _english_topic(self, q: Question, asked: AnswerType, result: SearchResult
                       ) -> Callable[[ScoredSentence], bool] | None:
        """Whether a sentence holds the span asked beside a word of the English question.

        Its words are looked for in Korean: the glossary's renderings as words of their own
        ("Act" is 법, which 국회입법조사처 holds only inside), its names in any spelling, and
        its rarer Latin words as written ("H100", "OpenAI"). None for a question that has
        none of them: it is left to the other checks.
        """
        idx = result.index
        # A counter ("people" is 명) is the span's own unit, not a word beside it.
        glossed = [w for w in self.searcher.glossary.korean_words(q.text) if w not in _COUNTERS]
        names = idx.aliases.korean_names(q.text) + [
            w for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", q.text)
            # A word Kiwi splits ("H100" as h + 100) has no count of its own: written is enough.
            # Stopwords are not in the index either, yet "the" is written everywhere.
            if w.lower() not in ENGLISH_STOPWORDS
            and (idx.singles_out(idx.lexical.df.get(w.lower(), 0))
                 or (w.lower() not in idx.lexical.df and w.lower() in idx.corpus_text))]
        # A Korean name the question gives as the documents write it ("… Agency (기정원)"),
        # where it singles out passages, as a Latin word must.
        names += [w for w in re.findall(r"[가-힣]{2,}", q.text)
                  if w in idx.corpus_text and idx.singles_out(idx.passages_holding(w))]
        if not glossed and not names:
            return None
        glossed_tokens = [self.searcher.morph.tokens(w) for w in glossed]
        # What a sum is of ("valuation" is 기업가치, "revenue" 매출) must stand with it: a sum
        # of investment beside the firm's name is not its valuation.
        measured = [self.searcher.morph.tokens(w) for w in self.searcher.glossary.korean_words(
            " ".join(_SUM_OF.findall(q.text)))] if asked == "money" else []
        # Whom or what it asks of ("How much is Kakao investing …"), where the documents single
        # them out, must be named beside the span: SK's 7조원 under "SK 최태원 회장" is not
        # Kakao's, however much it is an investment. A place says where, not whose.
        # Who said it ("per Jung Joon-hwa of …") is the source, not whose figure it is.
        uncited = set(idx.aliases.korean_names(_CITED.sub(" ", q.text)))
        whose = [n for n in idx.aliases.korean_names(q.text)
                 if not is_place(n) and n in uncited and idx.singles_out(idx.passages_holding(n))]
        # Kiwi cuts a long body name one way alone and another in a sentence: written is enough.
        bodies = self.searcher.acronym_names(idx, q.text)
        # A place asked of is written somewhere in the story that answers ("When will the Ulsan
        # data center open?" is not answered by a date from a story that never names 울산).
        places = [n for n in idx.aliases.korean_names(q.text) if is_place(n)]
        # A country a figure is asked of ("How much did China invest") is whose figure it is:
        # the US's 1,090억달러 is no answer. Korea is the documents' own, mostly left unsaid
        # ("the 2027 goal of AI unicorns"), and a part of many names ("Korea Technology …").
        asked_of = {ways[0] for n in english_names(q.text)
                    if (ways := self.searcher.gazetteer.entries.get(n.lower()))
                    and only_countries(ways[0])} if asked in _FIGURES else set()
        nations = asked_of - {_HOME}
        # What happens then ("When will the ARM School open") is written with the date: the
        # day of the MOU about it is not the day it opens.
        event = asked_event(q.text)
        # Korea's own figure, asked in so many words ("How many hospitals in Korea"), is not
        # one the sentence gives of another country or of the whole world. "A Korean startup's
        # users worldwide" asks no such thing.
        home = (asked_of & {_HOME} if re.search(r"\bKorea\b", q.text)
                and (not _WORLDWIDE.search(q.text) or _KOREAS_OWN.search(q.text)) else set())

        def on_topic(c: ScoredSentence) -> bool:
            text = c.sentence.near
            return ((not places or _story_names(idx, c.sentence.source, places))
                    and bool(asked_spans(asked, q.text, text))
                    and (self.picker.uses(c.sentence, glossed_tokens)
                         or any(n.lower() in text.lower() for n in names + bodies))
                    and (not measured or self.picker.uses(c.sentence, measured))
                    and (event is None or event.search(text) is not None)
                    and (not nations or bool(nations & countries(text)))
                    and not about_another_country(home, c.sentence.text, world=True)
                    # Only for Korea's own figure: the spans are not read for every sentence.
                    and not (home and figures_of_another(
                        home, c.sentence.text, asked_spans(asked, q.text, c.sentence.text)))
                    # A short heading further up names whose section it is ("SK 최태원 회장"
                    # over "핵심 제안 5가지"): its figures are theirs. A long one is a summary.
                    and (not whose or any(_named_in(n, f"{' '.join(labels_above(c.sentence, 3))} {text}",
                                                     idx) for n in whose)))

        return on_topic

    def _extractive(self, q: Question, result: SearchResult, mode: Mode = "extractive") -> Answer:
        cands = self.picker.candidates(result)
        line = agent_line(q.text)
        if cands and line is not None:
            # "정부가 어떤 역할을 해야": the speaker's list saying so may sit in a passage the
            # search ranked low, under the same speaker as the best sentence.
            widened = with_section_passage(result, cands[0].sentence, TOP_CHUNKS - 1, line)
            if widened is not result:
                result, cands = widened, self.picker.candidates(widened)
        if cands and asks_phone(q.text):
            # "담당자 연락처는?": the release's contact rows may sit in a passage the search
            # ranked low, in the same document.
            widened = with_passage(result, TOP_CHUNKS - 1, has_phone)
            if widened is not result:
                result, cands = widened, self.picker.candidates(widened)
        firm = self._unnamed_head(q, cands[0]) if cands else None
        if firm is not None:
            # Only when the answer opens with the row, or the line naming its head: a row
            # ranked above "✅ 루닛 서범석 대표" names its firm's head no more than it answers.
            first = self._order(q, cands, result)[0][0]
            if first is not cands[0] and head_of(firm, first.sentence.text) is None:
                firm = None
        if firm is not None:
            # "수학 AI 만든 스타트업 사장 이름": the row about the firm leaves its head's name
            # blank ("■ 매스프레소(관다) 대표"); another line writes it ("매스프레소 이용재 대표").
            widened = with_passage(result, TOP_CHUNKS - 1,
                                   lambda text: head_of(firm, text) is not None, [firm])
            if widened is not result:
                result, cands = widened, self.picker.candidates(widened)
        bodies = (self._bodies_asked_of(q, result)
                  if q.lang == "en" and cands and answer_type(q.text) == "person" else [])
        if bodies and not any(_beside_body(bodies, c.sentence.text) for c in cands):
            # "who represented KT on that panel": the panel's line naming KT's man may sit in
            # a passage the search ranked low, in the story read.
            widened = with_passage(result, TOP_CHUNKS - 1,
                                   lambda text: _beside_body(bodies, text),
                                   [b.lower() for b in bodies])  # the index is lower case
            if widened is not result:
                result, cands = widened, self.picker.candidates(widened)
        if not cands:
            return self._not_found(q, result, mode)
        if q.lang == "en":
            names = result.index.aliases.korean_names(q.text)
            cands = _stories_naming_first(names, cands, result.index)
            # Ranked by meaning alone, the sentence naming whom or what the question names
            # ("Lablup's … investment": 래블업's row) may be anywhere among them.
            cands = prefer_named([n for n in names if not is_place(n)], cands, result.hits,
                                 window=len(cands))
        # Ordered once: the abstention checks read the sentence the answer would open with.
        ranked, item, listed = self._order(q, cands, result)
        if self.should_abstain(q, cands, self.evidence(q, result, cands), result, ranked):
            return self._not_found(q, result, mode)
        fitted = self.picker.fitted_for(q.text)
        chosen = listed or choose(ranked, max_quotes=1 if item else 3,
                                  cover=QUOTE_COVER if fitted else None)
        # The head a row left unnamed leads, as the line naming them writes them.
        head = head_of(firm, ranked[0].sentence.text) if firm is not None else None
        text, quotes = compose(chosen, result, q.lang, best=chosen[0] if listed else ranked[0],
                               names=self.searcher.morph.proper_nouns, span=head)
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
                answer.quotes = [self._with_page(quote, result) for quote in answer.quotes]
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
    def _with_page(quote: Quote, result: SearchResult) -> Quote:
        """A model's quote with the page of the stored sentence it comes from, if paged."""
        if quote.page is not None:
            return quote
        text = normalize(quote.text)
        for sent in result.index.sentences.values():
            if sent.source == quote.source and sent.page is not None and (
                    text in normalize(sent.text) or normalize(sent.text) in text):
                return replace(quote, page=sent.page)
        return quote

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
