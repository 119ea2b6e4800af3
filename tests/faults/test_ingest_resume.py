"""Ingest stores each document as it goes: bad ones are skipped, interrupted runs resume."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from tests.faults.ingest_cli import PolicybotCli

pytestmark = pytest.mark.model

GOOD = "정부는 AI 반도체 예산을 1조원 늘린다고 밝혔다.\n"
# Forty distinct sentences: long enough to embed that a kill lands while it is stored.
LONG = "".join(f"{i}번 과제는 지역 {i + 3}곳에 AI 센터를 세우는 사업으로 {i * 7}억원이 든다.\n"
               for i in range(1, 41))


@pytest.fixture
def cli(request: pytest.FixtureRequest, chroma_client: ClientAPI, tmp_path: Path,
        collection_name: str, monkeypatch: pytest.MonkeyPatch) -> PolicybotCli:
    return PolicybotCli(request, chroma_client, tmp_path, collection_name, monkeypatch)


def _lines_until(proc: subprocess.Popen[str], needle: str) -> list[str]:
    """Read the process's stderr up to the first line that holds `needle`."""
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if needle in line:
            return seen
    raise AssertionError(f"never printed {needle!r}: {''.join(seen)}")


def test_a_bad_document_is_reported_by_name_and_the_rest_lands(cli: PolicybotCli) -> None:
    (cli.docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "b.txt").write_text("청년 월세 지원은 월 20만 원씩 지급한다.\n", encoding="utf-8")
    # An entry that is not an object used to crash the whole run.
    (cli.docs / "metadata.json").write_text(json.dumps({"b.txt": "청년 정책"}), encoding="utf-8")
    (cli.docs / "c.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"a.txt", "b.txt"}
    skipped = [line for line in result.stderr.splitlines() if "c.txt" in line]
    assert skipped and "UTF-8" in skipped[0]
    assert any("metadata.json" in line and "b.txt" in line for line in result.stderr.splitlines())


def test_what_is_stored_is_kept_when_its_file_turns_bad(cli: PolicybotCli) -> None:
    (cli.docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "b.txt").write_text("청년 월세 지원은 월 20만 원씩 지급한다.\n", encoding="utf-8")
    assert cli.run("ingest").exit_code == 0
    (cli.docs / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert "b.txt" in result.stderr and cli.sources() == {"a.txt", "b.txt"}


def test_progress_is_printed_per_document_off_a_terminal(cli: PolicybotCli) -> None:
    (cli.docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "b.txt").write_text("청년 월세 지원은 월 20만 원씩 지급한다.\n", encoding="utf-8")
    result = cli.run("ingest")  # CliRunner's stderr is not a terminal, as in a log file
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert any("a.txt" in line and "stored" in line for line in lines), result.stderr
    assert any("b.txt" in line and "stored" in line for line in lines), result.stderr


def test_an_interrupted_ingest_keeps_finished_documents_and_resumes(cli: PolicybotCli) -> None:
    (cli.docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "b.txt").write_text(LONG, encoding="utf-8")
    (cli.docs / "c.txt").write_text("청년 월세 지원은 월 20만 원씩 지급한다.\n", encoding="utf-8")
    proc = cli.popen("ingest")
    try:
        _lines_until(proc, "a.txt: stored")
    finally:
        proc.kill()  # no clean-up of any kind, as with a power cut or an OOM kill
        proc.wait()
    assert "a.txt" in cli.sources() and "c.txt" not in cli.sources()
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert not any("a.txt" in line and "stored" in line for line in lines), result.stderr
    assert any("c.txt" in line and "stored" in line for line in lines), result.stderr
    unchanged = re.search(r"(\d+) unchanged", result.stdout)
    assert unchanged and int(unchanged.group(1)) >= 1, result.stdout
    assert cli.sources() == {"a.txt", "b.txt", "c.txt"}
    stored_b = {t for s, t, _ in cli.rows(f"{cli.collection}_sentences") if s == "b.txt"}
    assert len(stored_b) == 40
    again = cli.run("ingest")
    assert "0 passages embedded" in again.stdout and "0 removed" in again.stdout


def test_a_file_deleted_during_ingest_is_reported(cli: PolicybotCli) -> None:
    (cli.docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "b.txt").write_text(LONG, encoding="utf-8")
    (cli.docs / "c.txt").write_text("청년 월세 지원은 월 20만 원씩 지급한다.\n", encoding="utf-8")
    proc = cli.popen("ingest")
    _lines_until(proc, "a.txt: stored")
    (cli.docs / "c.txt").unlink()
    _, rest = proc.communicate()
    assert proc.returncode == 0, rest
    assert any("c.txt" in line and "skipped" in line for line in rest.splitlines()), rest
    assert cli.sources() == {"a.txt", "b.txt"}


def test_an_empty_folder_or_a_single_file_never_empties_the_store(cli: PolicybotCli) -> None:
    (cli.docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (cli.docs / "b.txt").write_text("청년 월세 지원은 월 20만 원씩 지급한다.\n", encoding="utf-8")
    assert cli.run("ingest").exit_code == 0
    # Bringing one file up to date says nothing about the others.
    (cli.docs / "a.txt").write_text("정부는 AI 반도체 예산을 2조원 늘린다고 밝혔다.\n", encoding="utf-8")
    result = cli.run("ingest", str(cli.docs / "a.txt"))
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"a.txt", "b.txt"} and "2조원" in cli.stored_text()
    # A folder that turns up empty (an unmounted disk, a wrong path) keeps what is stored.
    for name in ("a.txt", "b.txt"):
        (cli.docs / name).rename(cli.docs.parent / name)
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"a.txt", "b.txt"}
    assert "no documents found" in result.stderr
