"""Reading, cleaning and chunking take time in proportion to the text, and files have a size limit.

Each megabyte line below is shaped to make a backtracking regex or a per-line loop go
quadratic (the e-mail pattern took 90 s on 200k characters). With linear processing the
whole read, clean, chunk, embed and answer path finishes; otherwise the suite never does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from retrieval.documents import load_documents
from retrieval.index import Morphology, chunk_document
from tests.faults.ingest_cli import PolicybotCli

MB = 1_000_000
# One megabyte each, periodic, so equal pieces de-duplicate and little needs embedding.
MEGABYTE_LINES = {
    "email.txt": "a@" * (MB // 2),               # the e-mail pattern (worse than quadratic)
    "letters.txt": "x" * MB,                     # any pattern that scans a token per start
    "digits.txt": "1" * MB,                      # the weather pattern (digits, then °C)
    "markup.md": "<a" * (MB // 2),               # the markup pattern of quote checks
    "images.md": "![" * (MB // 2),               # the markdown image-link pattern
    "byline.txt": "홍길동 기자 " + "@" * MB + " 끝",  # the reporter byline pattern
    "words.txt": "ab@c.de " * (MB // 8),          # a long line with spaces: sentence splitting
    "blank.txt": " " * MB + "끝",                 # leading whitespace before a byline check
    "page.html": "<b>x" * (MB // 4),              # an HTML page of one endless line
    "tags.html": "<a" * (MB // 2),                # tags that never close
}


@pytest.fixture
def cli(request: pytest.FixtureRequest, chroma_client: ClientAPI, tmp_path: Path,
        collection_name: str, monkeypatch: pytest.MonkeyPatch) -> PolicybotCli:
    return PolicybotCli(request, chroma_client, tmp_path, collection_name, monkeypatch)


@pytest.mark.model
def test_megabyte_lines_go_through_ingest_search_and_ask(cli: PolicybotCli) -> None:
    for name, line in MEGABYTE_LINES.items():
        (cli.docs / name).write_text(line + "\n", encoding="utf-8")
    (cli.docs / "policy.txt").write_text("청년 월세 지원은 월 20만 원씩 최대 12개월 지급한다.\n",
                                         encoding="utf-8")
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    reported = result.stderr
    # Every file is either stored or reported by name; none is silently lost.
    for name in [*MEGABYTE_LINES, "policy.txt"]:
        assert name in cli.sources() or f"skipped {name}" in reported, name
    assert {"email.txt", "letters.txt", "digits.txt", "words.txt", "policy.txt"} <= cli.sources()
    # No stored passage is longer than a chunk's worth of text and its headings.
    assert max(len(text) for _, text, _ in cli.rows()) < 2000
    answer = cli.ask("청년 월세 지원은 한 달에 얼마인가요?")
    assert answer["abstained"] is False
    search = cli.run("search", "--json", "a@a@a@")
    assert search.exit_code == 0, search.output


def test_sixty_thousand_tiny_heading_lines_chunk_in_linear_time(tmp_path: Path,
                                                           morph: Morphology) -> None:
    # Headings with ever new markers used to grow the open-heading list without bound.
    symbols = "!$%&+,./:;<=>?@^`{|}~■□▲△◆◇●★☆※♠♣♥♦♤♧♡◎▣▤▥▨▧▦▩"
    markers = (a + b + c for a in symbols for b in symbols for c in symbols)
    lines = [f"{next(markers)} 항목" for _ in range(60_000)]
    (tmp_path / "outline.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = load_documents(tmp_path)
    assert not errors
    chunks = chunk_document(docs[0], morph)
    assert sum(len(window) for _, window in chunks) >= 60_000
    assert all(len(window[0].context) < 1000 for _, window in chunks)


@pytest.mark.model
def test_a_file_over_the_size_limit_is_reported_and_skipped(cli: PolicybotCli) -> None:
    cli.setenv("POLICYBOT_MAX_FILE_MB", "0.5")
    (cli.docs / "big.txt").write_text("청년 월세 지원 " * 60_000, encoding="utf-8")
    (cli.docs / "small.txt").write_text("청년 월세 지원은 월 20만 원씩 지급한다.\n",
                                        encoding="utf-8")
    result = cli.run("ingest")
    assert result.exit_code == 0, result.output
    assert cli.sources() == {"small.txt"}
    line = next(line for line in result.stderr.splitlines() if "big.txt" in line)
    assert "0.5 MB" in line and "POLICYBOT_MAX_FILE_MB" in line
