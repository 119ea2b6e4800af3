"""Pure tests of Answer -> Discord embeds and messages."""

from __future__ import annotations

import re

import discord
import pytest

from bot.discord.render import (
    _TEXTS,
    CONTENT_LIMIT,
    render_embeds,
    render_messages,
    split_content,
    split_text,
    text,
)
from retrieval.answer import Answer, Quote
from tests.fakes.asker import SK_QUOTE, sk_answer

SENTENCE = "정부는 울산에 국내 최대 규모의 AI 데이터 센터를 짓기로 했습니다. "


def assert_embed_ok(embed: discord.Embed) -> None:
    """One embed within every Discord limit."""
    assert len(embed.title or "") <= 256
    assert len(embed.description or "") <= 4096
    assert len(embed.footer.text or "") <= 2048
    assert len(embed.fields) <= 25
    for field in embed.fields:
        assert len(field.name or "") <= 256 and 0 < len(field.value or "") <= 1024
    assert len(embed) <= 6000


def assert_message_ok(embeds: list[discord.Embed]) -> None:
    """One message's embeds within Discord's per-message limits."""
    assert 1 <= len(embeds) <= 10
    assert sum(len(e) for e in embeds) <= 6000
    for embed in embeds:
        assert_embed_ok(embed)


def unescape(shown: str) -> str:
    """Undo Discord markdown escapes."""
    return re.sub(r"\\(.)", r"\1", shown)


def quotes_in(embeds: list[discord.Embed]) -> list[str]:
    """Quote texts shown in fields, as a reader sees them."""
    return [
        unescape("\n".join(ln[2:] for ln in (f.value or "").splitlines() if ln.startswith("> ")))
        for e in embeds
        for f in e.fields
    ]


def quote(body: str, n: int = 0, **kw: object) -> Quote:
    """A quote with a distinct title."""
    values: dict[str, object] = {"source": f"{n:03}.txt", "title": f"문서 {n}", **kw}
    return Quote(text=body, **values)  # type: ignore[arg-type]


def test_short_text_is_one_piece():
    assert split_text("  짧은 답.  ", 100) == ["짧은 답."]
    assert split_text("", 100) == []


def test_long_text_splits_at_sentence_ends_within_the_limit():
    long = SENTENCE * 200
    pieces = split_text(long, 1000)
    assert len(pieces) > 1
    assert all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith("습니다.") for p in pieces)
    assert " ".join(pieces) == long.strip()


def test_paragraph_breaks_win_over_sentences():
    first = SENTENCE * 15
    pieces = split_text(first + "\n\n" + SENTENCE * 15, 1000)
    assert pieces[0] == first.strip()


def test_unbroken_text_is_cut_hard_but_not_inside_an_escape():
    assert split_text("가" * 2500, 1000) == ["가" * 1000, "가" * 1000, "가" * 500]
    pieces = split_text("a" * 999 + "\\*" + "b" * 10, 1000)
    assert pieces[0] == "a" * 999 and pieces[1].startswith("\\*")


def test_content_is_split_within_two_thousand_characters():
    pieces = split_content(SENTENCE * 300)
    assert len(pieces) > 1 and all(len(p) <= CONTENT_LIMIT for p in pieces)


def test_answer_renders_description_quote_fields_and_footer():
    (embed,) = render_embeds(sk_answer("SK는?"))
    assert embed.description == sk_answer("SK는?").answer
    (field,) = embed.fields
    assert field.name == f"{SK_QUOTE.title} (2025-06-21)"
    assert quotes_in([embed]) == [SK_QUOTE.text]
    assert f"`{SK_QUOTE.source}`" in (field.value or "")
    assert embed.footer.text == "extractive · 12 ms"
    assert embed.colour == discord.Colour.green()
    assert embed.title is None


def test_url_becomes_a_link_and_labels_follow_the_language():
    answer = Answer(question="q", answer="a", abstained=False, lang="en",
                    quotes=[quote("text", url="https://example.org/doc")])
    (embed,) = render_embeds(answer)
    assert "[Read the source](https://example.org/doc)" in (embed.fields[0].value or "")


def test_abstained_answer_is_grey_and_shows_the_notice():
    answer = Answer(question="q", answer="문서에 없습니다.", abstained=True, mode="llm-fallback",
                    latency_ms=1234.4, notice="질문이 길어 앞부분만 봤어요.")
    (embed,) = render_embeds(answer, title="q" * 300)
    assert embed.colour == discord.Colour.light_grey()
    assert embed.footer.text == "llm-fallback · 1234 ms · 질문이 길어 앞부분만 봤어요."
    assert embed.title is not None and len(embed.title) == 256 and embed.title.endswith("…")


def test_markdown_in_quotes_is_escaped_and_reads_back_verbatim():
    body = "**굵게** _기울임_ ~~취소~~ `코드` [링크](x) | 표"
    (embed,) = render_embeds(Answer(question="q", answer="a", abstained=False,
                                    quotes=[quote(body)]))
    shown = (embed.fields[0].value or "").splitlines()[0]
    assert "**" not in shown.replace("\\*", "")
    assert quotes_in([embed]) == [body]


def test_huge_answer_with_many_quotes_stays_within_every_limit():
    long_title = "제목" * 200
    quotes = [
        quote((f"{i}번 인용 " + SENTENCE * 14).strip(), i, title=long_title, published="2025-01-01")
        for i in range(60)
    ]
    answer = Answer(question="q", answer=SENTENCE * 600, abstained=False, quotes=quotes)
    messages = render_messages(answer, title="질문" * 200)
    assert len(messages) > 1
    for embeds in messages:
        assert_message_ok(embeds)
    everything = [e for m in messages for e in m]
    assert quotes_in(everything) == [q.text for q in quotes]
    assert everything[-1].footer.text and everything[0].title
    assert all(not e.footer.text for e in everything[:-1])


def test_quote_too_long_for_a_field_gets_its_own_embed_whole():
    body = SENTENCE * 40  # about 1,500 characters
    answer = Answer(question="q", answer="a", abstained=False, quotes=[quote(body)])
    first, second = render_embeds(answer)
    assert not first.fields
    assert second.title == "문서 0"
    assert unescape((second.description or "").splitlines()[0][2:]) == body.strip()
    assert_embed_ok(second)


def test_quote_longer_than_an_embed_continues_in_the_next_embed():
    body = SENTENCE * 150  # about 5,700 characters
    answer = Answer(question="q", answer="a", abstained=False, quotes=[quote(body)])
    embeds = render_embeds(answer)
    assert [e.title for e in embeds[1:]] == ["문서 0", "문서 0 (계속)"]
    for embeds_ in render_messages(answer):
        assert_message_ok(embeds_)
    joined = " ".join(e.description or "" for e in embeds[1:])
    assert body.strip() in unescape(joined.removeprefix("> "))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_message_of_ours_exists_in_both_languages(lang: str):
    assert _TEXTS["ko"].keys() == _TEXTS["en"].keys()
    assert "`/ask`" in text(lang, "usage", bot="policybot")
    assert "42" in text(lang, "rate_limited", seconds=42)
    assert "`abc12345`" in text(lang, "error", error_id="abc12345")
    assert text("fr", "thanks") == text("ko", "thanks")
