"""A damaged or read-only `chroma.sqlite3`, through the real CLI and Chroma on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.test_cli_errors import (
    ASK,
    GENUINE,
    YOUTH,
    answers,
    cli_env,
    one_line,
    policybot,
    write_docs,
)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A documents folder and a data folder with it ingested once."""
    docs = write_docs(tmp_path_factory.mktemp("docs"), {"youth.txt": YOUTH})
    data = tmp_path_factory.mktemp("data")
    done = policybot(["ingest"], cli_env(docs, data), data)
    assert done.returncode == 0, done.stderr[-3000:]
    return docs, data


@pytest.fixture
def copy(ingested: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the ingested data folder, free to damage."""
    docs, data = ingested
    mine = tmp_path / "data"
    shutil.copytree(data, mine)
    return docs, mine


def _read_only_prefix(folder: Path) -> list[str]:
    """A command prefix that runs the CLI with `folder` read-only, for root as for anyone."""
    if os.geteuid() != 0:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
        return []
    # Root writes through file modes, so give the process a read-only bind mount instead.
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    probe = subprocess.run(["unshare", "-m", "sh", "-c", script, str(folder), "true"],
                           capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("cannot make a read-only mount here (needs unshare and mount)")
    return ["unshare", "-m", "sh", "-c", script, str(folder)]


@pytest.fixture
def read_only(copy: tuple[Path, Path]) -> Iterator[tuple[Path, Path, list[str]]]:
    docs, data = copy
    prefix = _read_only_prefix(data)
    before = sorted((p.relative_to(data), p.stat().st_size) for p in data.rglob("*"))
    yield docs, data, prefix
    for path in [data, *data.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    after = sorted((p.relative_to(data), p.stat().st_size) for p in data.rglob("*"))
    assert after == before, "the read path wrote to the store"


def test_ask_and_search_work_on_a_read_only_store(read_only: tuple[Path, Path, list[str]],
                                                  tmp_path: Path) -> None:
    docs, data, prefix = read_only
    env = cli_env(docs, data)
    [answer] = answers(policybot(["ask", "--json", ASK], env, tmp_path, prefix=prefix))
    assert answer["abstained"] is False
    assert GENUINE in [q["text"] for q in answer["quotes"]]  # type: ignore[union-attr,index]
    found = policybot(["search", "--json", ASK], env, tmp_path, prefix=prefix)
    assert found.returncode == 0, found.stderr[-3000:]
    assert "youth.txt" in found.stdout


def test_ingest_into_a_read_only_store_is_one_line(read_only: tuple[Path, Path, list[str]],
                                                  tmp_path: Path) -> None:
    docs, data, prefix = read_only
    line = one_line(policybot(["ingest"], cli_env(docs, data), tmp_path, prefix=prefix))
    assert "read-only" in line and str(data / "chroma") in line


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_damaged_store_is_one_line_and_v_shows_the_traceback(
    copy: tuple[Path, Path], tmp_path: Path, damage: str
) -> None:
    docs, data = copy
    db = data / "chroma" / "chroma.sqlite3"
    if damage == "garbage":
        db.write_bytes(os.urandom(8192))
    else:
        with db.open("r+b") as f:
            f.truncate(db.stat().st_size // 2)
    env = cli_env(docs, data)
    lines = {}
    for command in (["ask", ASK], ["search", ASK], ["ingest"]):
        lines[command[0]] = line = one_line(policybot(command, env, tmp_path))
        assert str(data / "chroma") in line and "policybot ingest" in line, line
    verbose = policybot(["-v", "ask", ASK], env, tmp_path)
    assert "Traceback (most recent call last)" in verbose.stderr
    assert verbose.stderr.strip().splitlines()[-1] == lines["ask"]
