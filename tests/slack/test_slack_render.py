"""Unit tests for the pure Slack rendering and text helpers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.slack.events import AnswerCache, SeenEvents, question_from_text
from bot.slack.render import (
    ACTION_SHARE,
    MAX_BLOCKS,
    MAX_BUTTON_VALUE,
    MAX_TEXT,
    button_value,
    escape,
    parse_button_value,
    render_answer,
    split_text,
    t,
    usage_message,
)
from retrieval.answer import Answer, Quote
from tests.fakes.asker import SK_QUOTE, sk_answer


def texts(node: Any) -> list[str]:
    """Every `text` string in a block tree."""
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return own + [s for v in node.values() if isinstance(v, dict | list) for s in texts(v)]
    if isinstance(node, list):
        return [s for item in node for s in texts(item)]
    return []


def test_answer_renders_section_quote_with_title_and_date_and_meta() -> None:
    [message] = render_answer(sk_answer("q"), ref="r1", shareable=True)
    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["section", "rich_text", "context", "actions"]
    assert message.blocks[0]["text"]["text"] == sk_answer("q").answer
    quote, source = message.blocks[1]["elements"]
    assert quote["type"] == "rich_text_quote"
    assert quote["elements"] == [{"type": "text", "text": SK_QUOTE.text}]
    assert {"type": "text", "text": SK_QUOTE.title, "style": {"bold": True}} in source["elements"]
    assert {"type": "text", "text": " · 2025-06-21"} in source["elements"]
    meta = message.blocks[2]["elements"][0]["text"]
    assert "extractive" in meta and "12 ms" in meta and "방식" in meta
    assert message.text == sk_answer("q").answer


def test_quote_title_links_to_its_url() -> None:
    answer = sk_answer("q")
    answer.quotes = [Quote(text="본문", source="a.txt", title="제목", url="https://example.org/a")]
    [message] = render_answer(answer, ref="r")
    source = message.blocks[1]["elements"][1]["elements"]
    assert {"type": "link", "url": "https://example.org/a", "text": "제목"} in source


def test_answer_text_is_escaped_but_quotes_stay_verbatim() -> None:
    answer = sk_answer("q")
    answer.answer = "R&D <투자> 확대"
    answer.quotes = [Quote(text="R&D <투자> *확대*", source="a.txt", title="t")]
    [message] = render_answer(answer, ref="r")
    assert message.blocks[0]["text"]["text"] == "R&amp;D &lt;투자&gt; 확대"
    assert message.blocks[1]["elements"][0]["elements"][0]["text"] == "R&D <투자> *확대*"


def test_abstention_is_marked_and_sources_are_labelled_as_nearest() -> None:
    answer = Answer(question="Who?", answer="The documents do not say.", abstained=True,
                    quotes=[SK_QUOTE], lang="en")
    [message] = render_answer(answer, ref="r")
    assert message.blocks[0]["text"]["text"].startswith(":grey_question:")
    assert "Nearest sources" in message.blocks[1]["elements"][0]["text"]
    normal = render_answer(sk_answer("q"), ref="r")[0]
    assert not normal.blocks[0]["text"]["text"].startswith(":grey_question:")


def test_notice_is_rendered() -> None:
    answer = sk_answer("q")
    answer.notice = "질문이 길어 앞부분만 사용했습니다."
    [message] = render_answer(answer, ref="r")
    assert any("앞부분만" in s for s in texts(message.blocks))


def test_share_button_only_when_shareable() -> None:
    shareable = render_answer(sk_answer("q"), ref="r", shareable=True)[0].blocks[-1]
    plain = render_answer(sk_answer("q"), ref="r")[0].blocks[-1]
    assert ACTION_SHARE in [e["action_id"] for e in shareable["elements"]]
    assert ACTION_SHARE not in [e["action_id"] for e in plain["elements"]]
    assert len(plain["elements"]) == 2


def test_shared_copy_names_who_shared_it() -> None:
    [message] = render_answer(sk_answer("q"), ref="r", shared_by="U0ASKER")
    assert message.blocks[0]["type"] == "context"
    assert "<@U0ASKER>" in message.blocks[0]["elements"][0]["text"]


def test_huge_answer_splits_within_limits_without_breaking_a_quote() -> None:
    quotes = [Quote(text=f"인용{i} " + "나" * 400, source="a.txt", title=f"문서{i}")
              for i in range(70)]
    answer = Answer(question="q", answer=("가나다 " * 1000 + "\n") * 3, abstained=False,
                    quotes=quotes)
    messages = render_answer(answer, ref="r", shareable=True)
    assert len(messages) >= 2
    for message in messages:
        assert 0 < len(message.blocks) <= MAX_BLOCKS
        assert all(len(s) <= MAX_TEXT for s in texts(message.blocks))
    all_quotes = [
        b["elements"][0]["elements"][0]["text"]
        for m in messages for b in m.blocks if b["type"] == "rich_text"
    ]
    assert all_quotes == [q.text for q in quotes]
    assert messages[-1].blocks[-1]["type"] == "actions"
    assert sum(b["type"] == "actions" for m in messages for b in m.blocks) == 1
    answer_text = " ".join(
        b["text"]["text"] for m in messages for b in m.blocks if b["type"] == "section"
    )
    assert answer_text.split() == answer.answer.split()


def test_overlong_quote_is_clipped_to_a_verbatim_prefix() -> None:
    answer = sk_answer("q")
    answer.quotes = [Quote(text="가" * 5000, source="a.txt", title="t")]
    [message] = render_answer(answer, ref="r")
    shown = message.blocks[1]["elements"][0]["elements"][0]["text"]
    assert len(shown) <= MAX_TEXT and shown.endswith("…")
    assert answer.quotes[0].text.startswith(shown[:-1])


@pytest.mark.parametrize(
    "text", ["a&b " * 1000, "가" * 7000, "x" * 3000, ("word " * 700 + "\n") * 3]
)
def test_split_text_respects_the_limit_and_entities(text: str) -> None:
    pieces = split_text(escape(text))
    assert all(0 < len(p) <= MAX_TEXT for p in pieces)
    assert all(p.count("&") == p.count(";") for p in pieces if "&amp;" in escape(text))
    assert "".join(pieces).replace(" ", "").replace("\n", "") == (
        escape(text).replace(" ", "").replace("\n", "")
    )


def test_button_value_fits_and_round_trips() -> None:
    answer = Answer(question="\"질문\"\n" * 200, answer="\n\"답\"" * 3000, abstained=False,
                    mode="llm", lang="en")
    value = button_value(answer, "ref1")
    assert len(value) <= MAX_BUTTON_VALUE
    ref = parse_button_value(value)
    assert (ref.ref, ref.mode, ref.lang) == ("ref1", "llm", "en")
    assert answer.answer.startswith(ref.answer) and ref.answer
    small = parse_button_value(button_value(sk_answer("짧은 질문"), "r"))
    assert (small.question, small.answer) == ("짧은 질문", sk_answer("").answer)
    json.loads(value)


def test_usage_help_is_bilingual_and_names_the_command() -> None:
    message = usage_message("/policy")
    assert "사용법" in message.text and "Usage" in message.text and "/policy" in message.text


def test_texts_follow_the_answer_language() -> None:
    assert "try again" in t("en", "rate_limited", seconds=5)
    assert "초 뒤에" in t("ko", "rate_limited", seconds=5)
    assert "abc123" in t("en", "apology", error_id="abc123")
    assert "죄송합니다" in t("ko", "apology", error_id="abc123")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<@U0BOT> SK는 얼마를?", "SK는 얼마를?"),
        ("<@U0BOT|policybot> what about <#C1|general>?", "what about #general?"),
        ("R&amp;D &lt;policy&gt; <@U0BOT>", "R&D <policy>"),
        ("see <https://example.org|the page> <!here>", "see the page"),
        ("ask <@U0OTHER> too", "ask @U0OTHER too"),
    ],
)
def test_question_from_text_strips_the_mention_and_markup(text: str, expected: str) -> None:
    assert " ".join(question_from_text(text, "U0BOT").split()) == expected


def test_seen_events_drop_repeats_and_forget_old_ones() -> None:
    seen = SeenEvents(ttl=900, size=3)
    assert seen.first_time("a") and not seen.first_time("a")
    for name in "bcd":
        assert seen.first_time(name)
    assert seen.first_time("a"), "the oldest id is forgotten once the bound is reached"

    now = [0.0]
    timed = SeenEvents(ttl=60, clock=lambda: now[0])
    assert timed.first_time("x")
    now[0] = 59
    assert not timed.first_time("x")
    now[0] = 61
    assert timed.first_time("x"), "a retry window is minutes, not forever"


def test_answer_cache_is_bounded() -> None:
    cache = AnswerCache(size=2)
    refs = [cache.put(sk_answer(str(i))) for i in range(3)]
    assert cache.get(refs[0]) is None
    held = cache.get(refs[2])
    assert held is not None and held.question == "2"
