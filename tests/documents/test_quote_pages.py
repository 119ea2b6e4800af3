"""A quote from a paged document shows its page on every surface and in the JSON."""

from __future__ import annotations

import json

from bot.discord.render import quote_name
from bot.slack.render import quote_block
from bot.terminal.render import plain
from retrieval.answer import Answer, Quote

PAGED = Quote(text="래블업 대표 · 투자 유치: 161억원", source="plan.pdf", title="창업 거점 계획",
              published="2025-03-04", page=3)
UNPAGED = Quote(text="본문", source="a.txt", title="제목")


def _answer(quote: Quote) -> Answer:
    return Answer("질문", "답", abstained=False, quotes=[quote])


def test_json_has_page_and_null_where_there_is_none() -> None:
    assert json.loads(_answer(PAGED).to_json())["quotes"][0]["page"] == 3
    assert json.loads(_answer(UNPAGED).to_json())["quotes"][0]["page"] is None


def test_terminal_slack_and_discord_show_the_page() -> None:
    assert "p. 3" in plain(_answer(PAGED)) and "p. " not in plain(_answer(UNPAGED))
    assert "p. 3" in json.dumps(quote_block(PAGED), ensure_ascii=False)
    assert "p. " not in json.dumps(quote_block(UNPAGED), ensure_ascii=False)
    assert quote_name(PAGED).endswith(", p. 3")
    long = Quote(text="x", source="a.pdf", title="제목" * 300, page=12)
    assert quote_name(long).endswith("…, p. 12") and len(quote_name(long)) <= 256
