"""The watcher's failure paths: no file events, bad files, a store that goes away, a folder
that goes away. Each is one log line, the watcher keeps going and the bot keeps answering.
Real watchfiles, Chroma on disk or a `chroma run` of the test's own, fake embeddings."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from watchfiles import watch

from bot.config import Settings, SettingsError, load_settings
from bot.watch import DocumentWatcher, start_watching
from retrieval.index import HashEmbedder
from retrieval.pipeline import Pipeline, open_pipeline
from tests.faults.test_store_reload import ChromaServer
from tests.watch.docs import GPU, sk

DEADLINE = 60.0
"""Seconds to wait for the watcher to act: a deadline for waiting, not a speed requirement."""


def _pipeline(docs: Path, data: Path, **kwargs: Any) -> Pipeline:
    return open_pipeline(docs, data, embedder=HashEmbedder(), fitted_selector=False, **kwargs)


def _sources(p: Pipeline) -> set[str]:
    return {c.source for c in p.searcher.chunks}


def _until(check: Callable[[], bool], what: str, seconds: float = DEADLINE) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {seconds:.0f} s")


def _lines(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if text in r.getMessage()]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "gpu.txt").write_text(GPU, encoding="utf-8")
    return folder


@pytest.fixture
def watching(caplog: pytest.LogCaptureFixture) -> Iterator[list[DocumentWatcher]]:
    caplog.set_level(logging.INFO, logger="bot.watch")
    started: list[DocumentWatcher] = []
    yield started
    for w in started:
        w.stop()


def test_without_file_events_it_polls_and_says_so_once(
    docs: Path, tmp_path: Path, watching: list[DocumentWatcher],
    caplog: pytest.LogCaptureFixture,
) -> None:
    def no_inotify(*paths: Any, force_polling: bool = False, **kwargs: Any) -> Iterator[Any]:
        if not force_polling:  # what the system says when its inotify watches are used up
            raise OSError(28, "OS file watch limit reached")
        return watch(*paths, force_polling=True, **kwargs)

    p = _pipeline(docs, tmp_path / "data")
    w = DocumentWatcher(p, every=0.5, watch_fn=no_inotify).start()
    watching.append(w)
    assert w.ready.wait(DEADLINE)
    (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
    _until(lambda: "sk.txt" in _sources(p), "ingesting a file added under polling",
           w.delay + DEADLINE)
    said = _lines(caplog, "polling it every")
    assert len(said) == 1 and "watch limit" in said[0] and str(docs) in said[0]
    assert w.poll


def test_bad_files_are_one_line_each_and_the_rest_is_ingested(
    docs: Path, tmp_path: Path, watching: list[DocumentWatcher],
    caplog: pytest.LogCaptureFixture,
) -> None:
    p = _pipeline(docs, tmp_path / "data")
    w = DocumentWatcher(p, every=0.5).start()
    watching.append(w)
    assert w.ready.wait(DEADLINE)
    outside = tmp_path / "secret.txt"
    outside.write_text("밖에 있는 파일입니다.\n", encoding="utf-8")
    os.symlink(outside, docs / "link.txt")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
    _until(lambda: "sk.txt" in _sources(p), "ingesting the good file next to bad ones",
           w.delay + DEADLINE)
    _until(lambda: len(_lines(caplog, "skipped")) >= 2, "reporting both bad files")
    skipped = _lines(caplog, "skipped")
    assert any("link.txt" in s and "outside" in s for s in skipped)
    assert any("empty.txt" in s and "no text" in s for s in skipped)
    assert all("\n" not in s for s in skipped)
    assert _sources(p) == {"gpu.txt", "sk.txt"}
    # Still watching after them.
    (docs / "more.txt").write_text(GPU.replace("GPU", "NPU"), encoding="utf-8")
    _until(lambda: "more.txt" in _sources(p), "ingesting a later change", w.delay + DEADLINE)


def test_a_store_that_goes_away_is_one_line_and_the_change_lands_when_it_is_back(
    docs: Path, tmp_path: Path, watching: list[DocumentWatcher],
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = ChromaServer()
    server.start(tmp_path / "chroma")
    try:
        p = _pipeline(docs, tmp_path / "data", chroma_host="127.0.0.1",
                      chroma_port=server.port)
        w = DocumentWatcher(p, every=0.5).start()
        watching.append(w)
        assert w.ready.wait(DEADLINE)
        server.stop()
        (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
        _until(lambda: bool(_lines(caplog, "failed")), "reporting the store as down",
               w.delay + DEADLINE)
        time.sleep(3)  # several retries meanwhile
        answer = p.service.ask("GPU를 몇 장 확보했나요?")  # the bot still replies
        server.start(tmp_path / "chroma")
        _until(lambda: "sk.txt" in _sources(p), "ingesting the change once the store is back",
               w.delay + DEADLINE)
    finally:
        server.stop()
    failed = _lines(caplog, "failed")
    assert len(failed) == 1, failed
    assert "sk.txt" in failed[0] and f"127.0.0.1:{server.port}" in failed[0]
    assert "chroma run" in failed[0]  # what to do
    assert answer.answer
    assert _lines(caplog, "work again")
    assert w._thread.is_alive()


def test_a_folder_that_goes_away_keeps_the_store_and_is_followed_when_it_is_back(
    docs: Path, tmp_path: Path, watching: list[DocumentWatcher],
    caplog: pytest.LogCaptureFixture,
) -> None:
    p = _pipeline(docs, tmp_path / "data")
    w = DocumentWatcher(p, every=0.5).start()
    watching.append(w)
    assert w.ready.wait(DEADLINE)
    shutil.rmtree(docs)
    _until(lambda: bool(_lines(caplog, "does not exist")), "reporting the folder as gone",
           w.delay + DEADLINE)
    time.sleep(2)
    assert _sources(p) == {"gpu.txt"}  # a vanished folder (an unmounted disk) removes nothing
    assert len(_lines(caplog, "does not exist")) == 1
    docs.mkdir()
    (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
    _until(lambda: _sources(p) == {"sk.txt"}, "following the folder once it is back",
           w.delay + DEADLINE)


def test_watching_can_be_turned_off_and_takes_yes_and_no(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    for value, mode in (("off", "off"), ("false", "off"), ("0", "off"), ("true", "auto"),
                        ("poll", "poll"), ("AUTO", "auto")):
        monkeypatch.setenv("POLICYBOT_WATCH", value)
        assert Settings().watch == mode
    monkeypatch.setenv("POLICYBOT_WATCH", "sometimes")
    with pytest.raises(SettingsError, match="POLICYBOT_WATCH"):
        load_settings()
    monkeypatch.setenv("POLICYBOT_WATCH", "auto")
    monkeypatch.setenv("POLICYBOT_WATCH_SECONDS", "0")
    with pytest.raises(SettingsError, match="POLICYBOT_WATCH_SECONDS"):
        load_settings()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gpu.txt").write_text(GPU, encoding="utf-8")
    p = _pipeline(docs, tmp_path / "data")
    w = start_watching(p, "off", 0.2)
    try:
        assert w.ready.wait(DEADLINE) and not w.folder
        (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
        time.sleep(w.delay)
        assert _sources(p) == {"gpu.txt"}  # the folder is left alone
        # Another process's ingest is still followed, without a question asked.
        other = _pipeline(docs, tmp_path / "data", auto_ingest=False)
        other.ingest()
        _until(lambda: "sk.txt" in _sources(p), "following another process's ingest")
    finally:
        w.stop()
