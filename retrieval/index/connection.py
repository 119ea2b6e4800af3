"""Opening Chroma: on disk (a private copy when read-only) or on a server, errors made plain."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import chromadb
import httpx
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import InternalError, NotFoundError

from retrieval.errors import (
    StoreBusyError,
    StoreCorruptError,
    StoreEmptyError,
    StoreError,
    StoreReadOnlyError,
    StoreUnavailableError,
)

log = logging.getLogger(__name__)
# chromadb's HTTP client has no timeout at all: a hung server would hang every answer.
_HTTP_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
REINGEST = "run `policybot ingest` to fill it"


@dataclass(frozen=True)
class StoreConnection:
    """An open Chroma client, where it points (for messages), and whether it may be written."""

    client: ClientAPI
    where: str
    read_only: bool = False
    reconnect: Callable[[], ClientAPI] | None = None
    """For a store on disk: a fresh client, whose vector index shows other processes' writes."""
    identity: Callable[[], str] | None = None
    """For a store on disk: which database file is at its path now (a replaced one differs)."""


def connect(data_dir: Path, host: str | None = None, port: int = 8000) -> StoreConnection:
    """A `HttpClient` when a host is given, else a `PersistentClient` under `data_dir`.

    A store on disk that cannot be written (a read-only mount or file) is opened from a
    private temporary copy, so `ask` and `search` still work; `ingest` then refuses.
    """
    settings = ChromaSettings(anonymized_telemetry=False)
    if host:
        where = f"http://{host}:{port}"
        try:
            client = chromadb.HttpClient(host=host, port=port, settings=settings)
        except Exception as exc:  # chromadb raises bare ValueError/ConnectionError here
            raise translate(exc, where, "connecting") from exc
        _bound_http_timeout(client)
        return StoreConnection(client, where)
    path = data_dir / "chroma"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailableError(
            f"cannot create the data folder {data_dir}: {exc.strerror or exc};"
            " set POLICYBOT_DATA to a writable folder") from exc
    if path.is_dir() and not _writable(path):
        return _read_only_copy(path, settings)

    def fresh() -> ClientAPI:
        return chromadb.PersistentClient(path=str(path), settings=settings)

    def identity() -> str:
        # An open client keeps reading a database file deleted under it, so a folder that
        # was removed and ingested again is told apart by the file's inode, not its contents.
        try:
            st = (path / "chroma.sqlite3").stat()
        except OSError:
            return "missing"
        return f"{st.st_dev}:{st.st_ino}"

    try:
        return StoreConnection(fresh(), str(path), reconnect=fresh, identity=identity)
    except Exception as exc:
        error = translate(exc, str(path), "opening")
        if isinstance(error, StoreReadOnlyError) and path.is_dir():
            return _read_only_copy(path, settings)
        raise error from exc


def make_client(data_dir: Path, host: str | None = None, port: int = 8000) -> ClientAPI:
    """The client of `connect()`, for callers that need nothing else."""
    return connect(data_dir, host, port).client


def _writable(path: Path) -> bool:
    """True when the store's folder and database file can both be written."""
    db = path / "chroma.sqlite3"
    return os.access(path, os.W_OK) and (not db.exists() or os.access(db, os.W_OK))


def _read_only_copy(path: Path, settings: ChromaSettings) -> StoreConnection:
    """Open a private copy of a store that can't be written; the copy goes when the client does."""
    scratch = Path(tempfile.mkdtemp(prefix="policybot-ro-"))
    try:
        shutil.copytree(path, scratch / "chroma")
        client = chromadb.PersistentClient(path=str(scratch / "chroma"), settings=settings)
    except Exception as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        raise translate(exc, str(path), "opening a read-only copy") from exc
    weakref.finalize(client, shutil.rmtree, str(scratch), True)
    log.info("the Chroma store at %s is read-only: answering from a private copy", path)
    return StoreConnection(client, str(path), read_only=True)


def _bound_http_timeout(client: ClientAPI) -> None:
    # No public setting exists; the attribute path is guarded so a newer chromadb only
    # loses the bound, never the connection.
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = _HTTP_TIMEOUT


def translate(exc: BaseException, where: str, doing: str) -> StoreError:
    """One typed, one-line error for a chromadb, sqlite or connection failure."""
    if isinstance(exc, StoreError):
        return exc
    text = " ".join(str(exc).split())[:200] or type(exc).__name__
    low = text.lower()
    if "readonly" in low or "read-only" in low or "read only" in low:
        return StoreReadOnlyError(
            f"the Chroma store at {where} is read-only ({text}): ingest needs write access;"
            " check the folder's permissions or mount, or point POLICYBOT_DATA elsewhere")
    if any(k in low for k in ("not a database", "malformed", "corrupt", "disk image")):
        return StoreCorruptError(
            f"the Chroma store at {where} is damaged ({text}): move that folder aside"
            " and run `policybot ingest` to rebuild it")
    if isinstance(exc, InternalError):
        # The server pages a collection out while another client deletes from it ("Error
        # finding id"): a moment later the same read succeeds.
        return StoreBusyError(f"the Chroma store at {where} failed while {doing}"
                              f" (InternalError: {text}): ask again in a moment")
    if isinstance(exc, NotFoundError):
        return StoreEmptyError(f"the Chroma store at {where} has no collection to search"
                               f" ({text}): {REINGEST}")
    if (isinstance(exc, (httpx.TransportError, ConnectionError, TimeoutError))
            or "could not connect" in low):
        return StoreUnavailableError(
            f"cannot reach Chroma at {where} while {doing} ({text}): is `chroma run` up?"
            " check CHROMA_HOST and CHROMA_PORT")
    if isinstance(exc, OSError):
        return StoreUnavailableError(
            f"the Chroma store at {where} failed while {doing}: {exc.strerror or text};"
            " check the data folder (POLICYBOT_DATA)")
    return StoreError(f"the Chroma store at {where} failed while {doing}:"
                      f" {type(exc).__name__}: {text}")
