"""A local copy of what a start-up derives from the store, used only while the store is unchanged.

Reading 100k passages with their vectors back from Chroma, and building BM25 over them, is
most of a start-up. The result is written under the data folder keyed by the store's
fingerprint, so the next process serving the same state maps it in instead. Chroma stays
the one source of truth: a copy whose key differs from the store's current fingerprint is
never read, and a damaged one is set aside with a warning. Only JSON and NumPy arrays
(without pickle) are read back, so a cache file can never run code.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from retrieval.index import AliasTable, ChromaStore, Chunk, LexicalIndex, Morphology, StoredSentence
from retrieval.search.settled import SettledRead

log = logging.getLogger(__name__)

FORMAT = 1
"""Bump when what is derived, or how it is written, changes: copies of older formats go unused."""


@cache
def _code_digest() -> str:
    """A digest of the code that derives the copy, so an upgrade never reads an older one.

    Read on first use: a process that never reads or writes a copy (`--help`) skips it.
    """
    from retrieval.index import aliases, lexical, names
    from retrieval.search import settled

    digest = hashlib.sha256()
    for module in (aliases, lexical, names, settled):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]

STALE_WRITE = 600.0
"""Seconds after which a half-written copy is taken for one whose writer died, and removed."""


@dataclass(frozen=True)
class Derived:
    """What a snapshot is built from: the settled read and the indexes made over it."""

    read: SettledRead
    lexical: LexicalIndex
    aliases: AliasTable


class SnapshotCache:
    """Derived indexes on local disk, one copy per store and collection, for its latest state."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def key(store: ChromaStore, tokenizer: str, fingerprint: tuple[str, int, str]) -> dict[str, Any]:
        """Everything the derived indexes depend on; a copy is used only under an equal key."""
        return {"format": FORMAT, "code": _code_digest(), "bm25s": bm25s.__version__, "store": store.where,
                "collection": store.name, "embedder": store.embedder.name,
                "dim": store.embedder.dim, "tokenizer": tokenizer,
                "fingerprint": list(fingerprint)}

    def _scope(self, key: dict[str, Any]) -> Path:
        # One folder per store and collection: pruning one never removes another's copy.
        name = f"{key['store']}\0{key['collection']}"
        return self.folder / hashlib.sha256(name.encode()).hexdigest()[:16]

    def _entry(self, key: dict[str, Any]) -> Path:
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:24]
        return self._scope(key) / digest

    def load(self, key: dict[str, Any], morph: Morphology) -> Derived | None:
        """The copy kept under `key`, or None when there is none or it cannot be read."""
        entry = self._entry(key)
        if not entry.is_dir():
            return None
        try:
            found = json.loads((entry / "key.json").read_text(encoding="utf-8"))
            if found != key:
                raise ValueError("its key does not match the store")
            return _read(entry, morph, int(key["dim"]))
        except Exception as exc:  # a damaged copy of any shape: the store is still there
            reason = " ".join(str(exc).split())[:160] or type(exc).__name__
            log.warning("the index cache at %s is unreadable (%s): loading from the store",
                        entry, reason)
            return None

    def save(self, key: dict[str, Any], derived: Derived) -> None:
        """Write a copy under `key` atomically and drop older ones; an unwritable folder skips."""
        scope = self._scope(key)
        entry = self._entry(key)
        tmp = scope / f".tmp-{uuid.uuid4().hex}"
        try:
            tmp.mkdir(parents=True)
            _write(tmp, derived)
            # Written last: a copy is complete once its key is there and it bears its name.
            (tmp / "key.json").write_text(json.dumps(key), encoding="utf-8")
            _put(tmp, entry)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            log.info("cannot write the index cache at %s (%s): each start reads the store",
                     scope, exc.strerror or exc)
            return
        _prune(scope, entry)


def _write(folder: Path, derived: Derived) -> None:
    """The derived parts as JSON and .npy files in `folder`."""
    read, lexical = derived.read, derived.lexical
    rows = [[c.id, c.text, c.source, c.title, c.published, c.url, c.position, text, sids,
             lexical.tokens_of(i)] for i, (c, text, sids) in enumerate(read.rows)]
    _dump(folder / "chunks.json", rows)
    _dump(folder / "sentences.json", [[s.id, s.text, s.context, s.kind, s.source, s.page]
                                      for s in read.sentences])
    np.save(folder / "vectors.npy", np.ascontiguousarray(read.vectors, dtype=np.float32),
            allow_pickle=False)
    (folder / "bm25").mkdir()
    lexical.save(folder / "bm25")
    _dump(folder / "aliases.json", derived.aliases.to_json())


def _dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _read(folder: Path, morph: Morphology, dim: int) -> Derived:
    """The parts `_write` wrote, the arrays memory-mapped; raises on anything inconsistent."""
    rows: list[tuple[Chunk, str, list[str]]] = []
    tokens: list[list[str]] = []
    for cid, text, source, title, published, url, position, index_text, sids, toks in _loads(
            folder / "chunks.json"):
        rows.append((Chunk(str(cid), str(text), str(source), str(title), published, url,
                           int(position)), str(index_text), list(sids)))
        tokens.append(list(toks))
    sentences = [StoredSentence(str(sid), str(text), str(context), str(kind), str(source),
                                None if page is None else int(page))
                 for sid, text, context, kind, source, page in _loads(folder / "sentences.json")]
    vectors = np.load(folder / "vectors.npy", mmap_mode="r", allow_pickle=False)
    if vectors.dtype != np.float32 or vectors.shape != (len(sentences), dim):
        raise ValueError(f"vectors of shape {vectors.shape} for {len(sentences)} sentences")
    lexical = LexicalIndex.load(folder / "bm25", morph, tokens)
    aliases = AliasTable.from_json(_loads(folder / "aliases.json"), lexical.df, morph)
    # A plain read-only view: the pages stay in the file, shared with other processes.
    read = SettledRead(rows, list(tokens), sentences, np.asarray(vectors), frozenset())
    return Derived(read, lexical, aliases)


def _loads(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _put(tmp: Path, entry: Path) -> None:
    """Give the finished copy its name, replacing one there (another process's, or damaged)."""
    try:
        os.rename(tmp, entry)
        return
    except OSError:
        if not entry.exists():
            raise
    old = entry.with_name(f".old-{uuid.uuid4().hex}")
    os.rename(entry, old)  # a process that mapped the old copy keeps its open files
    os.rename(tmp, entry)
    shutil.rmtree(old, ignore_errors=True)


def _prune(scope: Path, keep: Path) -> None:
    """Remove copies of earlier states, and half-written ones whose writer is long gone."""
    try:
        others = [p for p in scope.iterdir() if p != keep]
    except OSError:
        return
    for path in others:
        try:
            if path.name.startswith(".tmp-") and time.time() - path.stat().st_mtime < STALE_WRITE:
                continue  # another process is writing it now
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)
