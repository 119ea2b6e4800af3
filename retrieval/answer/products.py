"""Whether a question asks what a product is called or what a firm makes, and whether a sentence says so."""

from __future__ import annotations

import re

# Things a firm makes and names. A question about one's name wants that name, not a line
# saying the firm made something of the kind ("AI 보안 가이드라인 모델 공개").
# Programmes, services and platforms are left out: a policy's 프로그램 or 서비스 is named as a
# 사업 or in quotes of its own ("‘AI 바우처’ 사업"), which no pattern here reads.
_KINDS = r"모델|칩|반도체|제품|앱|애플리케이션|어플|소프트웨어|챗봇|신약|LLM"
_ENGLISH_KINDS = (r"models?|chips?|semiconductors?|products?|apps?|software|chatbots?|drugs?|"
                  r"llms?|processors?|accelerators?")
# A kind is a word of its own ("롤모델" is no model), or the end of a compound naming one
# ("언어모델", "생성모델").
_KIND_START = r"(?:(?<![가-힣])|(?<=언어)|(?<=생성)|(?<=추론)|(?<=기반))"
# The words between "name of" and the kind are its modifiers, not a clause ("the companies
# that provide cloud models").
_ASKS = re.compile(
    rf"{_KIND_START}(?:{_KINDS})\s*(?:의\s*)?(?:이름|명칭)|{_KIND_START}(?:제품|모델|상품)명"
    rf"|\bnames? of (?:(?:the|its|their|a|an|this|new)\s+)?"
    rf"(?:(?!(?:that|which|who|whose|companies|firms)\b)[\w'’-]+\s+){{0,5}}?"
    rf"(?:{_ENGLISH_KINDS})\b"
    rf"|\b(?:{_ENGLISH_KINDS})['’]s name\b"
    rf"|\bwhat (?:is|was) (?:the|its|their) (?:[\w'’-]+\s+){{0,4}}?(?:{_ENGLISH_KINDS}) called\b"
    # "Which NPU chip did it unveil?", "어떤 칩을 공개했나": which one was launched is its name.
    rf"|\b(?:which|what) (?:[\w'’-]+\s+){{0,3}}?(?:{_ENGLISH_KINDS}) (?:did|does|do|will|has|have)"
    r" (?:[\w'’.-]+\s+){1,3}?(?:unveil|launch|releas|introduc|debut)"
    rf"|(?<![가-힣])(?:어떤|무슨|어느)\s*(?:[가-힣A-Za-z]+\s+)?(?:{_KINDS})(?:을|를)\s*"
    r"(?:[가-힣]+\s+){0,3}?(?:공개(?:했|한|하)|출시|선보)",
    re.I)
# Latin words that say what kind a thing is, not what it is called ("AI 반도체").
_GENERIC = frozenset("ai ml llm llms gpu gpus npu cpu tpu hbm dram nand soc it sw hw api ceo cto "
                     "ict r&d ar vr xr iot os pc b2b b2c saas".split())
_QUOTE = r"[‘“'\"「『《〈][^’”'\"」』》〉]{1,30}[’”'\"」』》〉]"
# Two characters at least, and no prefix ("K-반도체").
_LATIN = r"[A-Za-z][A-Za-z0-9&.+-]*[A-Za-z0-9](?:\s[A-Z0-9][A-Za-z0-9&.+-]*)?"
# A name given as one: "모델인 칸다", "칸다라는 모델", "‘칸다’ 모델", "EXAONE 모델", "a model
# called Kanda".
_NAMED = (
    # Not "반도체인 만큼", "모델인 셈": a bound noun after 인 names nothing.
    re.compile(rf"(?:{_KINDS})(?:\([A-Za-z]+\))?인\s+(?!(?:만큼|셈|것|데|점|탓|덕|경우)(?![가-힣]))"
               r"[가-힣A-Za-z0-9‘“'\"]"),
    re.compile(rf"[가-힣A-Za-z0-9’”'\"]+(?:이)?라는\s+(?:[가-힣A-Za-z]+\s+){{0,2}}(?:{_KINDS})"),
    re.compile(rf"{_QUOTE}\s*(?:{_KINDS})|(?:{_KINDS})\s*{_QUOTE}"),
    re.compile(r"\b(?:called|named|dubbed|branded)\s+[‘“'\"]?[A-Z0-9]"),
)
# How close the maker is written to the name it gives.
_NEAR = 30
_LATIN_BESIDE = re.compile(
    rf"(?<![A-Za-z0-9])({_LATIN})\s?(?:언어|생성|추론)?(?:{_KINDS})|(?:{_KINDS})\s({_LATIN})(?![A-Za-z0-9])")


def asks_product_name(question: str) -> bool:
    """True for a question asking what a model, chip or app is called ("칩 이름은?")."""
    return bool(_ASKS.search(question))


def names_product(text: str, question: str, makers: list[str], row: bool = False) -> bool:
    """True when the text names a product the question doesn't, beside one of its `makers`.

    "수학 특화 AI모델인 칸다를 개발한 매스프레소" names 매스프레소's model, not that of the
    firm written sixty characters on; with no maker known, any name will do. A table `row`
    is about one thing: one naming a maker anywhere names its products.
    """
    if row and any(w in text for w in makers):
        makers = []
    asked = question.lower()
    found = [m for p in _NAMED for m in p.finditer(text)]
    found += [m for m in _LATIN_BESIDE.finditer(text)
              if (name := (m.group(1) or m.group(2)).lower()) not in _GENERIC
              and name.split()[0] not in _GENERIC and name not in asked]
    return any(not makers or any(w in text[max(0, m.start() - _NEAR):m.end() + _NEAR]
                                 for w in makers) for m in found)


# "What does Mithril actually make?", "노타는 어떤 제품이나 기술을 만드는 회사야?", "노타의 주력
# 제품은?": what a firm makes or does for a living, which a line about it says in words of
# making ("칸다를 개발한 매스프레소", "클라우드 서비스를 창업해").
_ASKS_MAKES = re.compile(
    r"\bwhat (?:does|do|did)\s[^?]{1,80}?\s(?:actually\s+|really\s+|mainly\s+)?"
    r"(?:make|build|develop|sell|produce|offer|manufacture)\b"
    r"|\bwhat (?:kind of\s+)?(?:products?|services?|technolog(?:y|ies)) (?:does|do|did)\b"
    # "What is Nota's main product?": the one it lives by.
    r"|\b(?:main|flagship|core|key|primary|signature) (?:products?|services?|business)\b"
    # Not "정부는 어떤 사업을 추진" or "중기부는 어떤 기술을 지원": what a firm makes or sells.
    r"|(?<![가-힣])(?:어떤|무슨)\s?(?:제품|기술|서비스|솔루션)[가-힣]*\s(?:[가-힣]+\s)?"
    r"(?:만드|만들|개발하|개발한|파는|팔|내놓|제공하)"
    r"|(?<![가-힣])주력\s?(?:제품|기술|사업|분야)"
    r"|(?<![가-힣])(?:뭘|뭐를|무엇을)\s?(?:만드|만들|개발하|팔)"
    r"|(?<![가-힣])뭐\s?하는\s?(?:회사|기업|곳)", re.I)
_MAKING = re.compile(r"개발|만들|만든|만드|제공|서비스|솔루션|제품|플랫폼|모델|칩|생산|판매|설계|"
                     r"기술|창업해|창업한"
                     # What kind of firm it is says what it does ("의료 AI 창업 기업으로").
                     r"|(?:AI|인공지능|반도체|클라우드|바이오)\s?(?:창업\s?)?(?:기업|회사|스타트업)")


def asks_what_made(question: str) -> bool:
    """True for a question asking what a firm makes or offers ("What does Nota make?")."""
    return bool(_ASKS_MAKES.search(question))


def says_what_made(text: str, makers: list[str], row: bool = False) -> bool:
    """True when the text names one of the `makers` in words of making within a clause's reach.

    A table `row` is about one firm: one naming a maker anywhere says what it makes.
    """
    return any(_MAKING.search(text if row else text[max(0, m.start() - _NEAR):m.end() + _NEAR])
               for w in makers for m in re.finditer(re.escape(w), text))
