"""Load test: 50 concurrent signed /ask requests at `policybot slack --http`, on loopback.

Starts a mock Slack (Web API + response_url receiver), launches the server as a
subprocess pointed at it, fires the burst, and reports ack latency and answers:

    python bench/slack_load.py [--requests 50] [--cmd "policybot slack --http --port {port}"]

Exits 0 when every request was acked within 3 s and every question was answered.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import secrets
import shlex
import shutil
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

# The mock Slack lives with the tests; this script runs from a checkout, not an install.
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.slack_api import FORM, MockSlack, signed_headers, slash_body  # noqa: E402

ACK_DEADLINE = 3.0
QUESTIONS = [
    "SK는 울산에 얼마를 투자하나요?",
    "정부의 AI 반도체 지원 정책은 무엇인가요?",
    "중소벤처기업부 장관은 AI 개발 동향에 대해 무엇을 논의했나요?",
    "What did SoftBank's chairman discuss with the president?",
    "한·미 혁신생태계 세미나에서 어떤 제안이 나왔나요?",
]


def default_cmd() -> str:
    """`policybot` next to this Python (a venv), else on PATH."""
    beside = Path(sys.executable).with_name("policybot")
    exe = str(beside) if beside.exists() else (shutil.which("policybot") or "policybot")
    return f"{shlex.quote(exe)} slack --http --port {{port}}"


def free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


async def wait_listening(port: int, proc: asyncio.subprocess.Process, timeout: float) -> None:
    """Wait until the server accepts connections, or fail if it exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.returncode is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.2)
            continue
        writer.close()
        await writer.wait_closed()
        return
    raise RuntimeError(f"server did not listen on port {port} within {timeout:.0f} s")


async def fire(
    session: aiohttp.ClientSession, url: str, secret: str, mock: MockSlack, i: int
) -> tuple[int, float]:
    """Send one signed /ask (a distinct user each, so the rate limit stays out of it)."""
    body = slash_body(QUESTIONS[i % len(QUESTIONS)], mock.response_url(f"q{i}"),
                      user=f"U0LOAD{i:03d}")
    start = time.perf_counter()
    async with session.post(url, data=body.encode(),
                            headers=signed_headers(secret, body, content_type=FORM)) as resp:
        await resp.read()
        return resp.status, time.perf_counter() - start


async def run(args: argparse.Namespace) -> bool:
    """Run the whole load test; True when every ack was in time and every question answered."""
    mock = await MockSlack().start()
    port = args.port or free_port()
    secret = secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if k != "SLACK_APP_TOKEN"}
    env.update(SLACK_API_URL=mock.api_url, SLACK_SIGNING_SECRET=secret,
               SLACK_BOT_TOKEN="xoxb-bench-" + secrets.token_hex(8),
               POLICYBOT_RATE_LIMIT="0")
    log = tempfile.NamedTemporaryFile(prefix="slack_load_", suffix=".log", delete=False)  # noqa: SIM115
    cmd = shlex.split(args.cmd.format(port=port))
    proc = await asyncio.create_subprocess_exec(*cmd, env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/slack/events"
    try:
        try:
            await wait_listening(port, proc, args.startup_timeout)
        except RuntimeError as exc:
            log.flush()
            tail = Path(log.name).read_text(errors="replace").splitlines()[-15:]
            print(f"server failed: {exc}\n" + "\n".join(tail), file=sys.stderr)
            return False
        connector = aiohttp.TCPConnector(limit=args.requests + 1)
        async with aiohttp.ClientSession(connector=connector) as session:
            forged = slash_body("forged", mock.response_url("forged"))
            async with session.post(url, data=forged.encode(), headers=signed_headers(
                    "not-the-secret", forged, content_type=FORM)) as resp:
                forged_status = resp.status
            if args.warmup:
                # Measure the warm path: Bolt calls auth.test until its first call returns.
                await fire(session, url, secret, mock, args.requests)
                await mock.wait_for("response", key=f"q{args.requests}",
                                    timeout=args.answer_timeout)
            began = time.monotonic()
            results = await asyncio.gather(
                *(fire(session, url, secret, mock, i) for i in range(args.requests))
            )
        acks = [s for status, s in results if status == 200]
        in_time = sum(1 for s in acks if s < ACK_DEADLINE)
        # Missing answers are counted below, not raised.
        with contextlib.suppress(AssertionError):
            await mock.wait_for("response", args.requests + args.warmup,
                                timeout=args.answer_timeout)
        burst = {f"q{i}" for i in range(args.requests)}
        replies = [c for c in mock.calls_to("response") if c.key in burst]
        answered = {c.key for c in replies}
        last = max((c.at - began for c in replies), default=0.0)
        apologies = sum(1 for c in replies if _is_apology(c.params.get("text", "")))
        quoted = sum(1 for c in replies
                     if any(b.get("type") == "rich_text" for b in c.params.get("blocks", [])))
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(proc.wait(), timeout=10)
            except TimeoutError:
                proc.kill()
        await mock.stop()
        log.close()

    ms = [s * 1000 for _, s in results]
    print(f"server:   {' '.join(cmd)}  (log: {log.name})")
    print(f"forged:   HTTP {forged_status} (want 401)")
    print(f"acks:     {len(acks)}/{args.requests} HTTP 200, {in_time} within {ACK_DEADLINE:.0f} s; "
          f"p50 {percentile(ms, 0.50):.0f} ms, p99 {percentile(ms, 0.99):.0f} ms, "
          f"max {max(ms):.0f} ms")
    print(f"answers:  {len(answered)}/{args.requests} received ({quoted} with quotes, "
          f"{apologies} apologies), "
          f"last {last:.1f} s after the burst")
    ok = in_time == args.requests and len(answered) == args.requests and not apologies
    return ok and forged_status == 401


def _is_apology(text: str) -> bool:
    """True for the adapter's apology (it carries an error id)."""
    return "error id" in text or "오류 ID" in text


def main() -> None:
    """Parse arguments, run the load test, and exit non-zero if it failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--cmd", default=default_cmd(),
                        help="server command; {port} is replaced (default: %(default)s)")
    parser.add_argument("--warmup", action="store_true",
                        help="answer one request first (default: the burst hits a cold server)")
    parser.add_argument("--startup-timeout", type=float, default=180.0)
    parser.add_argument("--answer-timeout", type=float, default=300.0)
    args = parser.parse_args()
    sys.exit(0 if asyncio.run(run(args)) else 1)


if __name__ == "__main__":
    main()
