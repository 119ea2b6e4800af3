"""The entry point starts Kiwi early only for commands that need it, built as the core builds it."""

from __future__ import annotations

import pytest

from bot.launch import ANSWERING, KIWI_OPTIONS, command_of, start_kiwi
from retrieval.index import Morphology
from retrieval.index.korean import LEAN_OPTIONS


def test_the_early_kiwi_is_built_like_the_cores() -> None:
    assert KIWI_OPTIONS == LEAN_OPTIONS


@pytest.mark.parametrize(("argv", "command"), [
    (["ask", "질문"], "ask"), (["-v", "search", "--k", "3", "x"], "search"),
    (["--help"], None), ([], None), (["sources", "--json"], "sources"),
])
def test_the_command_is_found_past_options(argv: list[str], command: str | None) -> None:
    assert command_of(argv) == command


def test_listing_commands_never_load_kiwi() -> None:
    assert {"sources", "feedback", None}.isdisjoint(ANSWERING)


def test_an_early_kiwi_keeps_the_stored_token_signature(morph: Morphology) -> None:
    early = Morphology.started(start_kiwi())
    assert early.signature == morph.signature != ""
    assert early.tokens("울산 데이터센터에 투자한다") == morph.tokens("울산 데이터센터에 투자한다")
    assert Morphology(start_kiwi().result(timeout=60)).signature == ""  # unknown recipe
