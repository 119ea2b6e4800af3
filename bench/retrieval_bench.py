"""Print every figure of the performance table on the seeds, then a per-part memory breakdown.

Each cold figure comes from its own fresh process, as a user would run it:
- `policybot ingest` into an empty store (wall time, passages/s, peak RSS);
- `policybot ask` with the store ready (process start to first answer, peak RSS);
then, in this process, a re-ingest of the unchanged folder and warm search/ask latency.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import child_run, part_breakdown, pct, rss_mb  # noqa: E402
from retrieval.pipeline import open_pipeline  # noqa: E402

QUESTIONS = [
    "SK는 울산에 얼마를 투자하나요?", "루닛의 기술은 몇 곳의 병원에서 쓰이나요?",
    "중소기업의 AI 활용률은?", "ARM 스쿨은 무엇인가요?", "What did Son advise President Lee?",
    "How many GPUs did Korea secure?", "딥시크가 보여준 것은?", "울산시장은 무엇을 요청했나요?",
    "미국의 AI 민간 투자 규모는?", "파이썬 리스트 정렬",
]


def main() -> None:
    """Run every measurement and print one line each (and JSON at the end)."""
    seeds = ROOT / "seeds"
    data = Path(tempfile.mkdtemp(prefix="policybot-bench-"))
    exe = str(Path(sys.executable).parent / "policybot")
    env = {**os.environ, "POLICYBOT_DATA": str(data), "POLICYBOT_DOCS": str(seeds),
           "PYTHONPATH": str(ROOT)}
    env.pop("POLICYBOT_LLM", None)
    env.pop("CHROMA_HOST", None)
    figures: dict[str, float] = {}
    try:
        run = child_run([exe, "ingest"], env)
        pipe = open_pipeline(seeds, data, auto_ingest=False)
        passages = pipe.store.count() + len(pipe.searcher.sentences)
        figures.update(ingest_cold_s=run.seconds, ingest_cold_cpu_s=run.cpu_seconds,
                       ingest_passages=passages, ingest_passages_per_s=passages / run.seconds,
                       ingest_peak_rss_mb=run.peak_mb)
        print(f"cold ingest (whole `policybot ingest` process): {passages} passages in"
              f" {run.seconds:.1f} s ({passages / run.seconds:.0f} passages/s;"
              f" {run.cpu_seconds:.1f} CPU s), peak RSS {run.peak_mb:.0f} MB")
        again = pipe.ingest(seeds)
        figures.update(reingest_s=again.seconds, reingest_embedded=again.embedded)
        print(f"re-ingest, unchanged: {again.seconds:.2f} s, {again.embedded} passages embedded")

        for command in (["ask", "--json"], ["search", "--json", "--k", "1"]):
            run = child_run([exe, *command, QUESTIONS[0]], env)
            figures.update({f"cold_{command[0]}_s": run.seconds,
                            f"cold_{command[0]}_cpu_s": run.cpu_seconds,
                            f"cold_{command[0]}_peak_rss_mb": run.peak_mb})
            print(f"cold start to first result (`policybot {command[0]}`, store ready):"
                  f" {run.seconds:.2f} s ({run.cpu_seconds:.2f} CPU s), peak RSS"
                  f" {run.peak_mb:.0f} MB")

        for q in QUESTIONS:  # warm-up
            pipe.service.ask(q)
        # The first round asks each question once with the query cache empty; the later
        # rounds repeat them, as users repeat questions, and hit the cache.
        clear = getattr(getattr(pipe.store.embedder, "_cached_query", None), "cache_clear", None)
        if clear is not None:
            clear()
        search_ms, ask_ms, new_ask_ms = [], [], []
        cpu = time.process_time()
        for round_ in range(5):
            for q in QUESTIONS:
                t = time.perf_counter()
                pipe.service.ask(q)
                ask_ms.append((time.perf_counter() - t) * 1000)
                if round_ == 0:
                    new_ask_ms.append(ask_ms[-1])
                t = time.perf_counter()
                pipe.service.search(q)
                search_ms.append((time.perf_counter() - t) * 1000)
        figures["ask_search_cpu_ms"] = (time.process_time() - cpu) * 1000 / len(ask_ms)
        figures.update(search_p50_ms=pct(search_ms, 50), search_p95_ms=pct(search_ms, 95),
                       ask_p50_ms=pct(ask_ms, 50), ask_p95_ms=pct(ask_ms, 95),
                       search_mean_ms=statistics.mean(search_ms))
        print(f"warm search: p50 {figures['search_p50_ms']:.1f} ms,"
              f" p95 {figures['search_p95_ms']:.1f} ms ({len(search_ms)} queries, repeated"
              " questions included)")
        print(f"warm ask:    p50 {figures['ask_p50_ms']:.1f} ms, p95 {figures['ask_p95_ms']:.1f} ms"
              f" (CPU per ask + search: {figures['ask_search_cpu_ms']:.1f} ms)")
        figures.update(new_ask_p50_ms=pct(new_ask_ms, 50), new_ask_p95_ms=pct(new_ask_ms, 95))
        print(f"warm ask, each question new to the query cache: p50"
              f" {figures['new_ask_p50_ms']:.1f} ms, p95 {figures['new_ask_p95_ms']:.1f} ms"
              f" ({len(new_ask_ms)} questions)")
        figures["bench_rss_mb"] = rss_mb()
        print(f"RSS of this process, answering (store, Kiwi, model loaded): {rss_mb():.0f} MB")

        print("memory and load time per part, each alone in a fresh process (Python included):")
        for name, run in part_breakdown():
            figures[f"part_rss_mb:{name}"] = run.peak_mb
            print(f"  {name:32s} {run.peak_mb:5.0f} MB  {run.seconds:4.1f} s"
                  f" ({run.cpu_seconds:.1f} CPU s)")
        print(json.dumps({k: round(v, 2) for k, v in figures.items()}, ensure_ascii=False))
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
