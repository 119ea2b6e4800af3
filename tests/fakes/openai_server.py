"""A local OpenAI-compatible `/v1/chat/completions` server with canned replies, for tests.

Run it by hand for an end-to-end check of `policybot ask` in LLM mode:

    python -m tests.fakes.openai_server --port 8765 --mode echo
    export POLICYBOT_LLM=openai:gpt-4o-mini OPENAI_API_KEY=x
    export OPENAI_BASE_URL=http://127.0.0.1:8765/v1
    policybot ask --json "SK는 울산에 얼마를 투자하나요?"
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_PASSAGE = re.compile(r'<passage id="(\d+)"[^>]*>\n(.*?)\n</passage>', re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass
class Reply:
    """One canned response: JSON `content`, a tool call with `tool_args`, or an HTTP error."""

    content: str | None = None
    tool_args: dict[str, Any] | str | None = None
    status: int = 200
    delay: float = 0.0
    error: str = "canned error"


Responder = Callable[[dict[str, Any]], Reply]


@dataclass
class _State:
    queue: deque[Reply | Responder] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    default: Responder | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)


class OpenAIFake:
    """Serves canned chat completions on 127.0.0.1 (port 0 by default) and records requests."""

    def __init__(self, port: int = 0, default: Responder | None = None) -> None:
        self._state = _State(default=default)
        handler = type("_BoundHandler", (_Handler,), {"state": self._state})
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        # A short poll interval keeps shutdown (once per test) fast.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """The value for OPENAI_BASE_URL."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every chat-completion request body received so far."""
        with self._state.lock:
            return list(self._state.requests)

    def enqueue(
        self,
        content: str | dict[str, Any] | None = None,
        *,
        tool_args: dict[str, Any] | str | None = None,
        status: int = 200,
        delay: float = 0.0,
        error: str = "canned error",
        responder: Responder | None = None,
    ) -> None:
        """Queue the next reply; a dict `content` is sent as its JSON text."""
        if responder is not None:
            self._state.queue.append(responder)
            return
        text = json.dumps(content, ensure_ascii=False) if isinstance(content, dict) else content
        self._state.queue.append(
            Reply(content=text, tool_args=tool_args, status=status, delay=delay, error=error)
        )

    def answer_with(self, responder: Responder) -> None:
        """Answer every request the queue doesn't cover with `responder`."""
        with self._state.lock:
            self._state.default = responder

    def start(self) -> OpenAIFake:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake delayed replies and shut the server down."""
        self._state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> OpenAIFake:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def completion(request: dict[str, Any], reply: Reply) -> dict[str, Any]:
    """Build an OpenAI chat.completion body for a canned reply."""
    message: dict[str, Any] = {"role": "assistant", "content": reply.content}
    finish = "stop"
    if reply.tool_args is not None:
        tools = request.get("tools") or [{"function": {"name": "policy_answer"}}]
        args = reply.tool_args
        message["tool_calls"] = [
            {
                "id": "call_fake_1",
                "type": "function",
                "function": {
                    "name": tools[0]["function"]["name"],
                    "arguments": args if isinstance(args, str) else json.dumps(args),
                },
            }
        ]
        finish = "tool_calls"
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def passages(request: dict[str, Any]) -> dict[int, str]:
    """The numbered passages policybot put in the last user message."""
    user = [m for m in request.get("messages", []) if m.get("role") == "user"]
    text = user[-1]["content"] if user else ""
    if not isinstance(text, str):
        text = "".join(part.get("text", "") for part in text)
    return {int(num): body for num, body in _PASSAGE.findall(text)}


def echo_first_passage(request: dict[str, Any], as_tool: bool = False) -> Reply:
    """Answer by quoting the first Korean sentence of the first passage that has one."""
    found = passages(request)
    for number in sorted(found):
        pieces = (p.strip() for p in _SENTENCE_END.split(found[number]))
        first = next((p for p in pieces if len(p) >= 10 and _HANGUL.search(p)), None)
        if first is not None:
            break
    else:
        return Reply(status=400, error="no Korean sentence in the passages")
    user = request["messages"][-1]["content"]
    english = isinstance(user, str) and "Language: English" in user
    answer = "The first passage with a full sentence answers this." if english else first
    body = {"answer": answer, "abstain": False, "quotes": [{"id": number, "text": first}]}
    if as_tool:
        return Reply(tool_args=body)
    return Reply(content=json.dumps(body, ensure_ascii=False))


class _Handler(BaseHTTPRequestHandler):
    state: _State

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def do_POST(self) -> None:
        """Answer /v1/chat/completions from the queue."""
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        try:
            request = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send(400, {"error": {"message": "bad JSON", "type": "invalid_request_error"}})
            return
        with self.state.lock:
            self.state.requests.append(request)
            item = self.state.queue.popleft() if self.state.queue else self.state.default
        if item is None:
            # An empty queue fails loudly instead of letting a test wait.
            self._send(
                500, {"error": {"message": "no canned reply queued", "type": "server_error"}}
            )
            return
        reply = item if isinstance(item, Reply) else item(request)
        if reply.delay and self.state.stopping.wait(reply.delay):
            return
        if reply.status != 200:
            self._send(reply.status, {"error": {"message": reply.error, "type": "api_error"}})
            return
        self._send(200, completion(request, reply))

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to tell it


def main() -> None:
    """Serve echo replies until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--mode", choices=["echo", "tool"], default="echo")
    args = parser.parse_args()
    as_tool = args.mode == "tool"
    server = OpenAIFake(args.port, default=lambda req: echo_first_passage(req, as_tool)).start()
    print(f"OPENAI_BASE_URL={server.base_url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
