"""How fast a change in the documents folder is noticed, and what watching costs when idle.

Compares native file events (inotify) with polling, as `bot/watch.py` uses them, on a
generated folder of N files. Prints figures; asserts nothing.

    python bench/watch_latency.py [--files 2000] [--trials 5] [--every 2]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

from watchfiles import watch

from bot.watch import LONGEST_MS, QUIET_MS


def _latencies(folder: Path, poll: bool, every: float, trials: int) -> list[float]:
    """Seconds from writing a file to the watcher yielding it, per trial."""
    stop = threading.Event()
    seen: list[float] = []
    arrived = threading.Event()

    def follow() -> None:
        for changes in watch(folder, debounce=LONGEST_MS, step=QUIET_MS, stop_event=stop,
                             rust_timeout=int(every * 1000), yield_on_timeout=True,
                             force_polling=poll, poll_delay_ms=int(every * 1000)):
            if changes:
                seen.append(time.perf_counter())
                arrived.set()

    thread = threading.Thread(target=follow, daemon=True)
    thread.start()
    time.sleep(every + 1)  # the watcher is up (a poller has taken its first listing)
    out = []
    for i in range(trials):
        arrived.clear()
        start = time.perf_counter()
        (folder / f"new-{poll}-{i}.txt").write_text("새 문서입니다.\n", encoding="utf-8")
        if arrived.wait(60):
            out.append(seen[-1] - start)
        time.sleep(0.5)
    stop.set()
    thread.join()
    return out


def _idle_cpu(folder: Path, poll: bool, every: float, seconds: float) -> float:
    """CPU seconds the process spends per wall second while watching a folder that rests."""
    stop = threading.Event()

    def follow() -> None:
        for _ in watch(folder, stop_event=stop, rust_timeout=int(every * 1000),
                       yield_on_timeout=True, force_polling=poll,
                       poll_delay_ms=int(every * 1000)):
            pass

    thread = threading.Thread(target=follow, daemon=True)
    thread.start()
    time.sleep(every + 1)
    cpu = time.process_time()
    time.sleep(seconds)
    used = time.process_time() - cpu
    stop.set()
    thread.join()
    return used / seconds


def main() -> None:
    """Print latency and idle cost for file events and for polling."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--trials", type=int, default=5)
    ap.add_argument("--every", type=float, default=2.0, help="polling interval, seconds")
    ap.add_argument("--idle", type=float, default=10.0, help="seconds to measure idle CPU")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(args.files):
            sub = folder / f"d{i % 20:02d}"
            sub.mkdir(exist_ok=True)
            (sub / f"{i}.txt").write_text("정책 문서 본문입니다.\n" * 20, encoding="utf-8")
        print(f"{args.files} files in 20 folders; quiet time {QUIET_MS} ms,"
              f" polling every {args.every:g} s")
        for poll in (False, True):
            name = "polling" if poll else "file events"
            lat = _latencies(folder, poll, args.every, args.trials)
            cpu = _idle_cpu(folder, poll, args.every, args.idle)
            print(f"{name:12s} change noticed after median {statistics.median(lat):.2f} s"
                  f" (max {max(lat):.2f} s, {len(lat)}/{args.trials} noticed);"
                  f" idle CPU {cpu * 100:.1f}% of a core")


if __name__ == "__main__":
    main()
