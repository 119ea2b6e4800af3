"""Two processes on one `chroma run` server: a `policybot run` that watches its documents
folder ingests a change, and another process answers from it without a restart, never from
a half-stored document. Real CLI process, real mE5, real Chroma server."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.index import Morphology
from retrieval.pipeline import Pipeline, open_pipeline
from tests.faults.test_cli_errors import cli_env, command
from tests.faults.test_store_reload import _readline
from tests.watch.docs import GPU, QUESTION, check_whole, chunk_count, sk, sk_chunks
from tests.watch.test_watch_live import EMBED_ALLOWANCE, Asking, wait_for

pytestmark = [pytest.mark.model, pytest.mark.chroma_server]

PICKUP = 60.0
"""A process that did not ingest follows another's ingest within a minute (README)."""


class Watching:
    """`policybot -v run` with no chat tokens: the terminal chat, watching its folder."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.proc = subprocess.Popen(command(["-v", "run"]), cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)
        self.log: list[str] = []

    def wait_for_line(self, text: str, seconds: float) -> None:
        """Read its log until a line holds `text`."""
        assert self.proc.stderr is not None
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            line = _readline(self.proc.stderr, max(0.1, deadline - time.monotonic()))
            if not line:
                break
            self.log.append(line)
            if text in line:
                return
        raise AssertionError(f"no {text!r} in the log: {''.join(self.log)[-3000:]}")

    def close(self) -> str:
        """End the chat by closing its input; return everything it logged."""
        try:
            rest = self.proc.communicate(timeout=120)[1]
        finally:
            self.proc.kill()
        return "".join(self.log) + (rest or "")


@pytest.fixture
def two(tmp_path: Path, chroma_server: tuple[str, int],
        collection_name: str) -> Iterator[tuple[Watching, Pipeline, Path]]:
    host, port = chroma_server
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gpu.txt").write_text(GPU, encoding="utf-8")
    env = cli_env(docs, tmp_path / "data-a", CHROMA_HOST=host, CHROMA_PORT=str(port),
                  POLICYBOT_COLLECTION=collection_name, POLICYBOT_WATCH="auto",
                  POLICYBOT_WATCH_SECONDS="1")
    a = Watching(env, tmp_path)
    try:
        a.wait_for_line("watching", 300)
        # B: the same store, never ingesting, checking for changes often so it reads the
        # collection while A is half-way through a document.
        b = open_pipeline(docs, tmp_path / "data-b", chroma_host=host, chroma_port=port,
                          collection=collection_name, auto_ingest=False, check_every=0.2)
        yield a, b, docs
    finally:
        log = a.close()
    assert "Traceback" not in log, log[-3000:]
    assert log.count("documents changed in") >= 3, log[-3000:]  # added, changed, deleted


def test_a_change_ingested_by_one_process_is_answered_by_another(
    two: tuple[Watching, Pipeline, Path], morph: Morphology
) -> None:
    _, b, docs = two
    within = PICKUP + EMBED_ALLOWANCE

    def says(amount: str):  # type: ignore[no-untyped-def]
        def check():  # type: ignore[no-untyped-def]
            answer = b.service.ask(QUESTION)
            text = answer.answer + " ".join(q.text for q in answer.quotes)
            return answer if not answer.abstained and amount in text else None
        return check

    with Asking(b) as asking:
        assert b.service.ask(QUESTION).abstained
        # Long enough that A stores it in several batches, which B may read in between.
        (docs / "sk.txt").write_text(sk("7조원", lines=45), encoding="utf-8")
        seven = chunk_count(docs / "sk.txt", morph)
        wait_for(says("7조원"), within)
        (docs / "sk.txt").write_text(sk("8조원", lines=55), encoding="utf-8")
        eight = chunk_count(docs / "sk.txt", morph)
        wait_for(says("8조원"), within)
        (docs / "sk.txt").unlink()
        wait_for(lambda: b.service.ask(QUESTION) if not sk_chunks(b.searcher.index) else None,
                 within)
    assert asking.errors == []
    assert seven != eight and min(seven, eight) > 16  # more than one batch of ingest
    assert check_whole(asking.snapshots.values(), {"7조원": seven, "8조원": eight}) > 0
