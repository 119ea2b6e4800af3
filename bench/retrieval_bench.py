"""Print ingest throughput, warm search/ask latency, cold start and peak RSS on the seeds."""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.index import (  # noqa: E402
    ChromaStore,
    E5Embedder,
    Morphology,
    ingest,
    make_client,
)
from retrieval.pipeline import open_pipeline  # noqa: E402

QUESTIONS = [
    "SK는 울산에 얼마를 투자하나요?", "루닛의 기술은 몇 곳의 병원에서 쓰이나요?",
    "중소기업의 AI 활용률은?", "ARM 스쿨은 무엇인가요?", "What did Son advise President Lee?",
    "How many GPUs did Korea secure?", "딥시크가 보여준 것은?", "울산시장은 무엇을 요청했나요?",
    "미국의 AI 민간 투자 규모는?", "파이썬 리스트 정렬",
]


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def main() -> None:
    """Run every measurement and print one line each (and JSON at the end)."""
    seeds = ROOT / "seeds"
    data = Path(tempfile.mkdtemp(prefix="policybot-bench-"))
    figures: dict[str, float] = {}
    try:
        morph = Morphology()
        store = ChromaStore(make_client(data), E5Embedder())
        cold = ingest(seeds, store, morph)
        figures["ingest_cold_s"] = cold.seconds
        figures["ingest_cold_chunks_per_s"] = cold.added / cold.seconds
        again = ingest(seeds, store, morph)
        figures["reingest_s"] = again.seconds
        figures["reingest_embedded"] = again.embedded
        print(f"ingest cold: {cold.added} chunks + {cold.embedded - cold.added} sentences in"
              f" {cold.seconds:.1f} s ({figures['ingest_cold_chunks_per_s']:.1f} chunks/s)")
        print(f"re-ingest:   {again.seconds:.2f} s, {again.embedded} passages embedded")

        pipe = open_pipeline(seeds, data)
        for q in QUESTIONS:  # warm-up
            pipe.service.ask(q)
        search_ms, ask_ms = [], []
        for _ in range(5):
            for q in QUESTIONS:
                t = time.perf_counter()
                pipe.service.search(q)
                search_ms.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                pipe.service.ask(q)
                ask_ms.append((time.perf_counter() - t) * 1000)
        figures.update(search_p50_ms=pct(search_ms, 50), search_p95_ms=pct(search_ms, 95),
                       ask_p50_ms=pct(ask_ms, 50), ask_p95_ms=pct(ask_ms, 95),
                       search_mean_ms=statistics.mean(search_ms))
        print(f"warm search: p50 {figures['search_p50_ms']:.1f} ms, p95 {figures['search_p95_ms']:.1f} ms"
              f" ({len(search_ms)} queries)")
        print(f"warm ask:    p50 {figures['ask_p50_ms']:.1f} ms, p95 {figures['ask_p95_ms']:.1f} ms")

        exe = shutil.which("policybot") or str(Path(sys.executable).parent / "policybot")
        t = time.perf_counter()
        subprocess.run([exe, "search", "--json", "--k", "1", QUESTIONS[0]], check=True,
                       capture_output=True, env={"POLICYBOT_DATA": str(data),
                                                 "POLICYBOT_DOCS": str(seeds),
                                                 "PATH": str(Path(sys.executable).parent)})
        figures["cold_start_s"] = time.perf_counter() - t
        print(f"cold start (process start to first result): {figures['cold_start_s']:.2f} s")
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        figures["peak_rss_mb"] = rss_mb
        figures["cold_start_peak_rss_mb"] = child_mb
        print(f"peak RSS: {rss_mb:.0f} MB (bench process), {child_mb:.0f} MB (cold-start process)")
        print(json.dumps({k: round(v, 2) for k, v in figures.items()}))
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
