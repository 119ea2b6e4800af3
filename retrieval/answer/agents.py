"""What someone should do or was asked to, as a question asks it, and the lines saying so."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.index import PARTICLE

# "정부가 어떤 역할을 해줘야", "정부는 뭘 해야 한다고 했어?": what someone should do or the
# part they play, asked of them by name. What they did ("무엇을 했나") is left out: a story
# tells that in sentences that need not name them again ("그는 …").
# Two syllables at least: "누가", "그는" and "국가" hold no agent "누", "그" or "국".
_ASKS = re.compile(
    r"(?<![가-힣A-Za-z])([가-힣A-Za-z]{2,10}?)(?:이|가|은|는)\s+"
    r"(?:(?:어떤|무슨)\s*역할|(?:뭘|뭐를|무엇을|어떤\s*일을)\s*(?:더\s*)?해\s*(?:줘|주어)?야)")


def asked_agent(question: str) -> str | None:
    """The word naming whom the question asks the duty or part of ("정부"), if it asks one."""
    m = _ASKS.search(question)
    return m.group(1) if m else None


# "나라가 어떤 역할을" asks what the state should do, which the documents call 정부 (their
# "나라는 드뭅니다" is countries at large).
_SAME_AGENT = {"나라": ("정부",), "국가": ("국가", "정부")}


def about_agent(agent: str, text: str) -> bool:
    """True when the text names the agent as a word of its own ("정부의 외교적 리더십")."""
    return any(re.search(rf"(?<![가-힣A-Za-z]){re.escape(a)}{PARTICLE}(?![가-힣])", text)
               for a in _SAME_AGENT.get(agent, (agent,)))


def agent_line(question: str) -> Callable[[str], bool] | None:
    """What a line answering the question must do: name the agent asked of, or state a request."""
    agent = asked_agent(question)
    if agent is not None:
        return lambda text: about_agent(agent, text)
    return states_request if asks_request(question) else None


# "중앙정부에 무엇을 요청했나요?", "뭘 해달라고 했어?": what someone asked of another.
# A verb of asking, not the noun ("요청 절차") nor the passive ("요구되는 역량", "was asked").
_ASKS_REQUEST = re.compile(r"해\s?달라|(?:요청|요구|건의|촉구|당부|부탁)(?:했|한|하|해)"
                           r"|(?<!was )(?<!were )(?<!been )\bask(?:ed|s)?\b.{0,80}\b(?:for|to)\b"
                           r"|\brequest(?:ed|s)?\b(?! form)|\burg(?:e|ed|es)\b"
                           r"|\bcall(?:ed|s)? (?:on|for)\b", re.I)
# A line stating a request: "정부의 특별법 제정과 예산 지원 요청", "고객이 되어주세요".
_REQUESTS = re.compile(r"요청|요구(?![되된될됨돼])|건의|촉구|당부|(?:해|되어|돼)\s?(?:달라|주세요|주십시오|줘야|주어야)")


def asks_request(question: str) -> bool:
    """True for a question asking what someone asked of another ("무엇을 요청했나요")."""
    return bool(_ASKS_REQUEST.search(question))


def states_request(text: str) -> bool:
    """True when the line states a request ("예산 지원 요청", "고객이 되어주세요")."""
    return bool(_REQUESTS.search(text))
