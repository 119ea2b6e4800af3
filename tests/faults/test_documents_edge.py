"""Empty, binary and control-character files, and a metadata.json that is wrong or broken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from tests.faults.ingest_cli import PolicybotCli

pytestmark = pytest.mark.model

GOOD = "정부는 AI 반도체 예산을 1조원 늘린다고 밝혔다.\n"
RENT = "청년 월세 지원은 월 20만 원씩 최대 12개월 지급한다.\n"


@pytest.fixture
def cli(request: pytest.FixtureRequest, chroma_client: ClientAPI, tmp_path: Path,
        collection_name: str, monkeypatch: pytest.MonkeyPatch) -> PolicybotCli:
    return PolicybotCli(request, chroma_client, tmp_path, collection_name, monkeypatch)


def test_empty_binary_and_control_character_files(cli: PolicybotCli) -> None:
    (cli.docs / "good.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "empty.txt").write_bytes(b"")
    (cli.docs / "blank.md").write_text(" \n\t\n\u3000\n", encoding="utf-8")
    (cli.docs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    # A NUL far into the file, past where a quick look at the start would see it.
    (cli.docs / "late_nul.txt").write_bytes(RENT.encode() * 300 + b"\x00\x00 tail\n")
    # Terminal escapes and bells in a document must not reach a terminal or a chat message.
    (cli.docs / "ansi.txt").write_text("청년 월세 \x1b[2J\x1b[31m지원\x07은 월 20만 원씩 지급한다.\x1b[0m\n",
                                       encoding="utf-8")
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"good.txt", "ansi.txt"}
    skipped = {line.split(":")[0].removeprefix("skipped ")
               for line in result.stderr.splitlines() if line.startswith("skipped ")}
    assert skipped == {"empty.txt", "blank.md", "image.txt", "late_nul.txt"}, result.stderr
    stored = cli.stored_text()
    assert "\x1b" not in stored and "\x07" not in stored and "\x00" not in stored
    answer = cli.ask("청년 월세 지원은 얼마인가요?")
    assert answer["abstained"] is False and "\x1b" not in json.dumps(answer)


def test_metadata_with_wrong_types_is_reported_and_the_rest_used(cli: PolicybotCli) -> None:
    (cli.docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "b.txt").write_text(RENT, encoding="utf-8")
    (cli.docs / "c.txt").write_text("AI 기본법이 시행된다.\n", encoding="utf-8")
    (cli.docs / "metadata.json").write_text(json.dumps({
        "a.txt": {"title": 2025, "published": ["2025-01-01"], "publisher": "과기정통부",
                  "url": "javascript:alert(1)"},
        "b.txt": {"title": "청년 월세 " * 200, "url": "https://example.kr/rent"},
        "c.txt": None,
    }, ensure_ascii=False), encoding="utf-8")
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"a.txt", "b.txt", "c.txt"}
    meta = {source: m for source, _, m in cli.rows()}
    assert meta["a.txt"]["title"] == "2025" and meta["a.txt"]["published"] == ""
    assert meta["a.txt"]["url"] == ""
    assert len(str(meta["b.txt"]["title"])) <= 300 and meta["b.txt"]["url"] == "https://example.kr/rent"
    notes = [line for line in result.stderr.splitlines() if "metadata.json" in line]
    assert any("a.txt" in n and "published" in n for n in notes), result.stderr
    assert any("a.txt" in n and "url" in n for n in notes), result.stderr


def test_a_broken_metadata_file_stops_the_ingest_in_one_line_and_loses_nothing(
        cli: PolicybotCli) -> None:
    (cli.docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "metadata.json").write_text(json.dumps({"a.txt": {"title": "반도체 예산"}},
                                                       ensure_ascii=False), encoding="utf-8")
    assert cli.run("ingest").exit_code == 0
    (cli.docs / "metadata.json").write_text('{"a.txt": {"title": "반도체 예산",}', encoding="utf-8")
    proc = cli.popen("ingest")
    _, err = proc.communicate()
    assert proc.returncode == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "metadata.json" in lines[0] and "line 1" in lines[0], err
    assert {m["title"] for _, _, m in cli.rows()} == {"반도체 예산"}
