"""Keep the store in step with the documents folder while a bot runs: re-ingest what changed."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from watchfiles import DefaultFilter, watch

from retrieval.documents import METADATA_FILE
from retrieval.errors import PolicybotError
from retrieval.pipeline import Pipeline

log = logging.getLogger(__name__)

QUIET_MS = 500
"""A change is ingested once the folder has been quiet this long (a copy in progress is not)."""
LONGEST_MS = 10_000
"""...or after this much steady writing, so a folder that never rests is still followed."""

WatchFn = Callable[..., Iterator[set[tuple[Any, str]]]]
"""`watchfiles.watch`, or a stand-in with its signature."""


class DocumentWatcher:
    """A thread that re-ingests changed documents and keeps the indexes in step with the store.

    Native file events (inotify) are used when the system gives them, polling every `every`
    seconds otherwise. Whatever fails is logged as one line and tried again; it never stops
    the bot.
    """

    def __init__(self, pipeline: Pipeline, *, every: float = 2.0, poll: bool = False,
                 folder: bool = True, watch_fn: WatchFn = watch) -> None:
        self.pipeline = pipeline
        self.folder = folder
        """False: only follow other processes' ingests, leaving the folder alone."""
        self.root = pipeline.docs.absolute()
        self.every = every
        self.poll = poll
        self._watch = watch_fn
        self._stop = threading.Event()
        self.ready = threading.Event()
        """Set once the folder is watched and what changed while no one watched is ingested."""
        self._pending: set[str] | None = None  # None: the whole folder (at start, after a gap)
        self._problem: str | None = None
        self._thread = threading.Thread(target=self._run, name="policybot-watch", daemon=True)

    @property
    def delay(self) -> float:
        """Seconds from a change to the start of its ingest, at most (plus a retry on failure)."""
        return LONGEST_MS / 1000 + (self.every if self.poll else 0.0)

    def start(self) -> DocumentWatcher:
        """Start watching in the background."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching; an ingest under way finishes first."""
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        if not self.folder:
            self._pending = set()
            self._catch_up()
            while not self._stop.wait(self.every):
                self._catch_up()
            return
        while not self._stop.is_set():
            try:
                self._follow()
            except Exception as exc:  # the watcher must never take the bot down with it
                if not self.poll and self.root.is_dir() and not isinstance(exc, FileNotFoundError):
                    log.warning("cannot watch %s with file events (%s): polling it every %g s"
                                " instead", self.root, _one_line(exc), self.every)
                    self.poll = True
                else:
                    self._failed("watching it", exc)
                self._pending = None  # changes may have been missed meanwhile
                self._stop.wait(self.every)

    def _follow(self) -> None:
        """Watch until stopped, or until the folder itself is replaced (then start over)."""
        if not self.root.is_dir():
            raise FileNotFoundError("it does not exist; create it or set POLICYBOT_DOCS")
        identity = _identity(self.root)
        changes_of = self._watch(
            self.root, watch_filter=self._wanted, debounce=LONGEST_MS, step=QUIET_MS,
            stop_event=self._stop, rust_timeout=int(self.every * 1000), yield_on_timeout=True,
            force_polling=self.poll, poll_delay_ms=int(self.every * 1000))
        for changes in changes_of:
            for _, path in changes:
                self._note(path)
            self._catch_up()
            if _identity(self.root) != identity:
                log.warning("the documents folder %s was replaced: watching it afresh", self.root)
                self._pending = None
                return

    def _wanted(self, change: Any, path: str) -> bool:
        """Files ingest would read: not hidden, not an editor's or version control's own."""
        if not _DEFAULT(change, path):
            return False
        rel = _relative(path, self.root)
        return rel is not None and not any(p.startswith(".") for p in Path(rel).parts)

    def _note(self, path: str) -> None:
        rel = _relative(path, self.root)
        if self._pending is None:
            return
        if rel is None or rel in (".", METADATA_FILE):
            self._pending = None  # titles and dates of any document may have changed
        else:
            self._pending.add(rel)

    def _catch_up(self) -> None:
        """Ingest what changed (or the whole folder), then look for other processes' ingests."""
        pending = self._pending
        if pending is None or pending:
            only = None if pending is None else set(pending)
            try:
                report = self.pipeline.ingest(only=only)
            except Exception as exc:
                self._failed(f"ingesting {_names(only)}", exc)
                return  # kept pending: tried again at the next tick
            self._pending = set()  # one thread notes and ingests: nothing came in meanwhile
            self._recovered()
            for error in report.errors:
                log.warning("skipped %s", error)
            for note in report.notes:
                log.warning("%s", note)
            if report.stored or report.removed:
                log.info("documents changed in %s: %s", self.root, report.summary())
        if not self.ready.is_set():
            self.ready.set()
            if self.folder:
                log.info("watching %s for changes (%s)", self.root,
                         f"polling every {self.every:g} s" if self.poll else "file events")
        try:
            self.pipeline.searcher.refresh()
        except Exception as exc:
            self._failed("checking the store for other processes' changes", exc)

    def _failed(self, doing: str, exc: BaseException) -> None:
        """One line per distinct failure, not one per retry; -v adds the traceback."""
        line = f"documents folder {self.root}: {doing} failed: {_one_line(exc)}"
        if line != self._problem:
            self._problem = line
            log.warning("%s; trying again every %g s", line, self.every)
            if not isinstance(exc, (PolicybotError, OSError)):
                log.info("the failure's traceback", exc_info=exc)

    def _recovered(self) -> None:
        if self._problem is not None:
            log.warning("documents folder %s: watching and ingesting work again", self.root)
            self._problem = None


_DEFAULT = DefaultFilter()


def _names(only: set[str] | None) -> str:
    """The paths an ingest was for, shortened to fit a log line."""
    if only is None:
        return "it"
    names = sorted(only)
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


def _relative(path: str, root: Path) -> str | None:
    """`path` relative to the documents folder, in the form ingest names documents."""
    try:
        return Path(path).absolute().relative_to(root).as_posix()
    except ValueError:
        return None


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def start_watching(pipeline: Pipeline, mode: str, every: float) -> DocumentWatcher:
    """A running watcher of the pipeline's documents folder and store.

    With `mode` off, or a store this process may not write, it leaves the folder alone
    and only keeps the indexes in step with other processes' ingests.
    """
    folder = mode != "off" and not pipeline.store.read_only
    if mode != "off" and not folder:
        log.info("not watching %s: the store is read-only", pipeline.docs)
    return DocumentWatcher(pipeline, every=every, poll=mode == "poll", folder=folder).start()
