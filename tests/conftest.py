"""Shared fixtures: the seed documents, stores on disk and on a `chroma run` server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import chromadb
import pytest
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from retrieval.index import Morphology
from tests.paths import SEEDS

# The LLM fixtures live in their own module; registering it shares them with every test file.
pytest_plugins = ["tests.fakes.llm_fixtures"]



@pytest.fixture(scope="session")
def seeds() -> Path:
    """The bundled seed documents."""
    return SEEDS


@pytest.fixture(scope="session")
def morph() -> Morphology:
    """One Kiwi for the whole run (it takes a second to load)."""
    return Morphology()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A `chroma run` server on loopback: CI's (POLICYBOT_TEST_CHROMA), else one we start."""
    given = os.environ.get("POLICYBOT_TEST_CHROMA")
    if given:
        host, port = given.rsplit(":", 1)
        yield host, int(port)
        return
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/v2/heartbeat")
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(params=["disk", "server"])
def chroma_client(request: pytest.FixtureRequest, tmp_path: Path) -> ClientAPI:
    """The same tests on a PersistentClient and on an HttpClient to `chroma run`."""
    settings = ChromaSettings(anonymized_telemetry=False)
    if request.param == "disk":
        return chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=settings)
    host, port = request.getfixturevalue("chroma_server")
    return chromadb.HttpClient(host=host, port=port, settings=settings)


@pytest.fixture
def collection_name(request: pytest.FixtureRequest) -> str:
    """A collection name unique to the test, so server-mode tests never share state."""
    name = "t" + str(abs(hash(request.node.nodeid)))[:12]
    return name


@pytest.fixture(scope="session")
def e5_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the seeds ingested once through the real bundled model."""
    from retrieval.pipeline import open_pipeline

    data = tmp_path_factory.mktemp("policybot-data")
    open_pipeline(SEEDS, data)
    return data


@pytest.fixture(scope="session")
def e5_pipeline(e5_data: Path):  # type: ignore[no-untyped-def]
    """The real pipeline over the seeds (bundled mE5, Kiwi, Chroma on disk)."""
    from retrieval.pipeline import open_pipeline

    return open_pipeline(SEEDS, e5_data)
