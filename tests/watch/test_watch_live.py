"""A running service follows its documents folder: files added, changed and deleted while it
answers from another thread. Real mE5, Kiwi, Chroma on disk and the real watcher."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.watch import DocumentWatcher
from retrieval.answer import Answer
from retrieval.index import Morphology
from retrieval.pipeline import Pipeline, open_pipeline
from retrieval.search import IndexSnapshot
from tests.watch.docs import GPU, QUESTION, check_whole, chunk_count, sk, sk_chunks

pytestmark = pytest.mark.model

EMBED_ALLOWANCE = 120.0
"""Seconds a small document may take to embed on a loaded CI machine, on top of the watcher's
stated delay; a deadline for waiting, not a speed requirement."""


class Asking:
    """Questions asked in a loop from another thread, keeping every snapshot answered from."""

    def __init__(self, p: Pipeline) -> None:
        self.p = p
        self.snapshots: dict[int, IndexSnapshot] = {}
        self.errors: list[BaseException] = []
        self.asked = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            for q in (QUESTION, "GPU를 몇 장 확보했나요?"):
                try:
                    result = self.p.service.search(q)
                    self.snapshots[id(result.index)] = result.index
                    self.p.service.ask(q)
                    self.asked += 1
                except BaseException as exc:
                    self.errors.append(exc)

    def __enter__(self) -> Asking:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=120)


def wait_for(check: Callable[[], Answer | None], seconds: float) -> Answer:
    """Poll until `check` gives an answer, failing after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = check()
        if got is not None:
            return got
        time.sleep(0.2)
    raise AssertionError(f"not answerable within {seconds:.0f} s")


def _text(answer: Answer) -> str:
    return answer.answer + " ".join(q.text for q in answer.quotes)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Pipeline, DocumentWatcher, Path]]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gpu.txt").write_text(GPU, encoding="utf-8")
    p = open_pipeline(docs, tmp_path / "data")
    watcher = DocumentWatcher(p, every=1.0).start()
    assert watcher.ready.wait(EMBED_ALLOWANCE)
    yield p, watcher, docs
    watcher.stop()


def test_added_changed_and_deleted_files_are_answered_while_questions_keep_coming(
    live: tuple[Pipeline, DocumentWatcher, Path], caplog: pytest.LogCaptureFixture,
    morph: Morphology,
) -> None:
    p, watcher, docs = live
    within = watcher.delay + EMBED_ALLOWANCE
    caplog.set_level(logging.WARNING)

    def says(amount: str) -> Callable[[], Answer | None]:
        def check() -> Answer | None:
            answer = p.service.ask(QUESTION)
            return answer if not answer.abstained and amount in _text(answer) else None
        return check

    with Asking(p) as asking:
        assert p.service.ask(QUESTION).abstained  # nothing about SK yet
        (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
        seven = chunk_count(docs / "sk.txt", morph)
        added = wait_for(says("7조원"), within)
        (docs / "sk.txt").write_text(sk("8조원", lines=16), encoding="utf-8")
        eight = chunk_count(docs / "sk.txt", morph)
        changed = wait_for(says("8조원"), within)
        (docs / "sk.txt").unlink()
        wait_for(lambda: p.service.ask(QUESTION) if not sk_chunks(p.searcher.index) else None,
                 within)
        gone = p.service.ask(QUESTION)

    assert asking.errors == []
    assert asking.asked > 0
    assert added.quotes[0].source == "sk.txt" and "8조원" not in _text(added)
    assert changed.quotes[0].source == "sk.txt" and "7조원" not in _text(changed)
    assert gone.abstained or "조원" not in _text(gone)
    assert seven != eight  # the two versions differ in size, so a half one would show
    assert check_whole(asking.snapshots.values(), {"7조원": seven, "8조원": eight}) > 0
    # No answer failed on the store meanwhile.
    assert not [r for r in caplog.records if "cannot answer from the store" in r.getMessage()]
