"""A running `policybot` and the store changing under it: another process's ingest, a Chroma
server that dies and comes back empty. Real CLI processes, real Chroma on disk and served."""

from __future__ import annotations

import json
import selectors
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from tests.faults.test_cli_errors import cli_env, command, policybot, write_docs

pytestmark = pytest.mark.model

SK_7 = "SK 최태원 회장은 울산 AI 데이터센터에 7조원을 투자한다고 밝혔다.\n데이터센터는 AWS와 함께 짓는다.\n"
SK_8 = "SK 최태원 회장은 울산 AI 데이터센터에 8조원을 투자한다고 밝혔다.\n데이터센터는 AWS와 함께 짓는다.\n"
GPU = "정부는 추경으로 GPU 1.3만장을 확보했다.\n미국 오픈AI는 GPU 72만장을 가동한다.\n"
QUESTION = "SK는 울산에 얼마를 투자하나요?"


class Session:
    """A long-running `policybot ask --json -`: one question in, one JSON answer out."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.proc = subprocess.Popen(command(["-v", "ask", "--json", "-"]), cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)
        self.log: str | None = None

    def ask(self, question: str) -> dict[str, Any]:
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(question + "\n")
        stdin.flush()
        line = _readline(stdout, 300)
        assert line, f"the process ended: {self.close()[-3000:]}"
        return dict(json.loads(line))

    def close(self) -> str:
        """End the session; return everything it logged."""
        if self.log is None:
            if self.proc.poll() is None and self.proc.stdin is not None:
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=120)
            finally:
                self.proc.kill()
            assert self.proc.stderr is not None
            self.log = self.proc.stderr.read()
        return self.log


def _readline(stream: IO[str], seconds: float) -> str:
    # A safety net so a broken process fails the test instead of hanging it.
    with selectors.DefaultSelector() as sel:
        sel.register(stream, selectors.EVENT_READ)
        if not sel.select(seconds):
            return ""
    return stream.readline()


def _text(answer: dict[str, Any]) -> str:
    return str(answer["answer"]) + " ".join(q["text"] for q in answer["quotes"])


@pytest.fixture(params=["disk", "server"])
def where(request: pytest.FixtureRequest, tmp_path: Path, collection_name: str) -> dict[str, str]:
    """Settings for a store on disk, or on the shared `chroma run` server."""
    if request.param == "disk":
        return {}
    host, port = request.getfixturevalue("chroma_server")
    return {"CHROMA_HOST": host, "CHROMA_PORT": str(port), "POLICYBOT_COLLECTION": collection_name}


def test_running_process_answers_from_another_process_ingest(
    tmp_path: Path, where: dict[str, str]
) -> None:
    docs = write_docs(tmp_path / "docs", {"sk.txt": SK_7, "gpu.txt": GPU})
    env = cli_env(docs, tmp_path / "data", POLICYBOT_STORE_CHECK="0", **where)
    session = Session(env, tmp_path)
    try:
        before = session.ask(QUESTION)
        assert "7조" in _text(before)
        # Same number of chunks, different text: only the ingest marker can tell.
        write_docs(docs, {"sk.txt": SK_8, "gpu.txt": GPU})
        done = policybot(["ingest"], env, tmp_path)
        assert done.returncode == 0, done.stderr[-3000:]
        after = session.ask(QUESTION)
    finally:
        log = session.close()
    assert after["abstained"] is False, after
    assert "8조" in _text(after) and "7조" not in _text(after)
    assert "reloaded the search indexes" in log


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ChromaServer:
    """A `chroma run` of this test's own, to stop and start again on another path."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, path: Path) -> None:
        exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
        self.proc = subprocess.Popen(
            [exe, "run", "--host", "127.0.0.1", "--port", str(self.port), "--path", str(path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{self.port}/api/v2/heartbeat"
        for _ in range(300):
            try:
                urllib.request.urlopen(url, timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("chroma run did not come up")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
            self.proc = None


@pytest.fixture
def server() -> Iterator[ChromaServer]:
    own = ChromaServer()
    yield own
    own.stop()


def test_server_down_then_back_empty_is_said_plainly_and_recovers_without_restart(
    tmp_path: Path, server: ChromaServer
) -> None:
    docs = write_docs(tmp_path / "docs", {"sk.txt": SK_7, "gpu.txt": GPU})
    env = cli_env(docs, tmp_path / "data", CHROMA_HOST="127.0.0.1",
                  CHROMA_PORT=str(server.port), POLICYBOT_STORE_CHECK="0")
    server.start(tmp_path / "chroma-1")
    session = Session(env, tmp_path)
    try:
        assert "7조" in _text(session.ask(QUESTION))
        server.stop()
        down = [session.ask(QUESTION) for _ in range(2)]
        server.start(tmp_path / "chroma-2")  # a restart on an empty path
        empty = [session.ask(QUESTION) for _ in range(2)]
        done = policybot(["ingest"], env, tmp_path)  # the operator's fix, from elsewhere
        assert done.returncode == 0, done.stderr[-3000:]
        back = session.ask(QUESTION)
    finally:
        log = session.close()
    for answer in down:
        assert answer["abstained"] is True and "연결할 수 없습니다" in answer["answer"]
    for answer in empty:
        assert answer["abstained"] is True and "policybot ingest" in answer["answer"]
    assert back["abstained"] is False and "7조" in _text(back)
    # One line per outage in the log, however many questions arrive meanwhile.
    problems = [x for x in log.splitlines() if "cannot answer from the store" in x]
    assert len(problems) == 2, log[-3000:]
    assert f"127.0.0.1:{server.port}" in problems[0] and "chroma run" in problems[0]
    assert "policybot ingest" in problems[1]
    assert "Traceback" not in log


def test_running_process_follows_a_data_folder_rebuilt_under_it(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs", {"sk.txt": SK_7, "gpu.txt": GPU})
    data = tmp_path / "data"
    env = cli_env(docs, data, POLICYBOT_STORE_CHECK="0")
    session = Session(env, tmp_path)
    try:
        assert "7조" in _text(session.ask(QUESTION))
        # The operator's rebuild: move the store aside and ingest afresh from another process.
        data.rename(tmp_path / "data-old")
        write_docs(docs, {"sk.txt": SK_8, "gpu.txt": GPU})
        done = policybot(["ingest"], env, tmp_path)
        assert done.returncode == 0, done.stderr[-3000:]
        after = session.ask(QUESTION)
    finally:
        log = session.close()
    assert after["abstained"] is False, after
    assert "8조" in _text(after) and "7조" not in _text(after)
    assert "reloaded the search indexes" in log
