"""Names of firms, schools and bodies, for a question that asks which one."""

from __future__ import annotations

import re

from retrieval.index import NAME_START, PARTICLE, acronyms, looks_like_person

# "Which company does he lead?", "어느 대학을 졸업했나", "SK가 어디랑 손잡고": the answer is a
# firm, school or body, not a person or a place.
_ASKS = re.compile(
    # The words between describe the body ("which AI company"), never ask on ("what is the
    # company's valuation?" asks for a sum).
    r"\b(?:which|what)\s+(?:(?!(?:is|are|was|were|did|does|do|has|have|had|will|would|can|"
    r"could|the|a|an)\b)[\w-]+\s+){0,2}?(?:compan(?:y|ies)|firms?|startups?|"
    r"organi[sz]ations?|institutes?|institutions?|universit(?:y|ies)|agenc(?:y|ies)|"
    r"schools?|colleges?|banks?|partners?)\b"
    # "어떤 혜택을 기업이" asks for a benefit, "어떤 대학생이" for a person.
    r"|(?<![가-힣])(?:어느|어떤|무슨)\s*(?:[가-힣A-Za-z]+(?<![을를이가은는의에])\s+)?"
    r"(?:회사|기업|업체|스타트업|기관|단체|대학|학교|은행|연구소|협력사|파트너)(?!생)"
    r"|(?<![가-힣])어디(?:랑|와|하고)\s",
    re.I)

# A body's name ends in what it is ("광주과학기술원", "퓨리오사AI", "SW정책연구소"); Kiwi
# leaves many of them unnamed, or cuts them in two ("오픈" + "AI").
_SUFFIXED = re.compile(
    rf"{NAME_START}[가-힣A-Za-z0-9]{{1,12}}(?:AI|대학교|대학|과학기술원|연구원|연구소|"
    r"재단|협회|은행|그룹|전자|증권|클리닉|병원|공사|캐피털|벤처스|파트너스)"
    rf"(?={PARTICLE}(?![가-힣A-Za-z0-9]))")
# Kinds of AI and posts end the same way, and name no body ("생성형AI", "선임연구원").
_NOT_BODIES = re.compile(r"(?:생성형|소버린|서버린|피지컬|에이전틱|온디바이스|Gen|선임|책임|수석|"
                         r"건설|소)(?:AI|연구원|공사|그룹)", re.I)
# A Korean name with its own spelling in Latin letters, not an acronym ("미스릴(Mithril)",
# where "인공지능(AI)" and "최고경영자(CEO)" are words, not names).
_PAIRED = re.compile(r"(?<![가-힣])([가-힣]{2,})\((?=[A-Z][a-z])[A-Za-z][A-Za-z .&-]*\)")

# A firm is the word before its head's title, the head's name between or not ("업스테이지
# CTO", "매스프레소 이용재 대표"); Kiwi and the endings above know neither.
_HEADED = re.compile(
    rf"{NAME_START}([가-힣A-Za-z][가-힣A-Za-z0-9]{{1,11}})\s(?:([가-힣]{{3}})\s)?"
    r"(?:대표|CTO|CEO|공동창업자|창업자|사장|회장)(?![가-힣])")
# Words that say what kind of firm, not which one ("AI 기업 대표"), and words of time, order
# or role that a head's name follows as often as a firm ("오늘 정신아 대표", "좌장 …").
_NOT_FIRMS = frozenset(
    "AI 기업 회사 업체 스타트업 창업기업 공동 전 현 신임 초대 대기업 중소기업 벤처기업 분야 업계 부문 "
    "오늘 어제 내일 당시 당일 이날 이후 이전 현재 최근 올해 작년 지난해 앞서 이어 이번 지난 "
    "특히 또한 또 그리고 한편 다만 이에 좌장 사회자 발제자".split())

# Capitals that name a thing or a post, not a body ("GPU", "CEO"); "AWS", "KT", "KAIST" are bodies.
_NOT_BODIES_CAPS = frozenset(
    "AI AGI ASI AX DX GPU CPU NPU HBM LLM SW HW IT ICT CEO CTO CFO COO CSO VC PC MOU R&D API "
    "IPO ESG SaaS USD KRW MW GW TB GB PDF IoT AR VR XR OK FAQ Q&A USA US UK".split())


def asks_organisation(question: str) -> bool:
    """True for a question asking which firm, school or body."""
    return bool(_ASKS.search(question))


def organisations(text: str) -> list[str]:
    """The firms, schools and bodies a text names, in the order it names them."""
    found = [(m.start(), m.group(0)) for m in _SUFFIXED.finditer(text)
             if not _NOT_BODIES.fullmatch(m.group(0))]
    found += [(m.start(), m.group(1)) for m in _PAIRED.finditer(text)]
    found += [(m.start(), m.group(1)) for m in _HEADED.finditer(text)
              if m.group(1) not in _NOT_FIRMS and not looks_like_person(m.group(1))
              and (m.group(2) is None or looks_like_person(m.group(2)))]
    found += [(text.find(a), a) for a in acronyms(text)
              if a not in _NOT_BODIES_CAPS and not re.fullmatch(r"[A-Z]+\d+|H\d+", a)]
    return list(dict.fromkeys(name for _, name in sorted(found)))


def names_another(text: str, known: list[str]) -> bool:
    """True when the text names a firm, school or body none of `known` is part of."""
    return any(not any(k and (k in o or o in k) for k in known) for o in organisations(text))
