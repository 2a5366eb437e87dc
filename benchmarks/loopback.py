"""A loopback model server for benchmarks: TGI's and OpenAI's HTTP protocols, fixed latency.

Raw asyncio (uvloop when installed) in its own process, so that the peer's CPU cost stays far below
the client's: every POST is answered ``latency`` seconds after it arrived, at most ``slots``
requests are served at once (0: unlimited; the others wait in FIFO order, as a batching server's
queue does). ``GET /stats`` answers ``{"served": N}`` (POSTs answered so far), which the
benchmarks read to measure a steady-state window.

Routes: ``POST /`` (TGI, a one-element list), ``POST /generate`` (TGI, an object),
``POST /v1/chat/completions``, ``POST /v1/completions``; ``GET /health``, ``/info``, ``/v1/models``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass
from typing import Self

_TGI = {"generated_text": "ok", "details": {"finish_reason": "length", "generated_tokens": 1, "seed": None,
                                            "prefill": [], "tokens": []}}
_CHAT = {"id": "chatcmpl-bench", "object": "chat.completion", "created": 0, "model": "bench",
         "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "length",
                      "logprobs": None}],
         "usage": {"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 11}}
_COMPLETION = {"id": "cmpl-bench", "object": "text_completion", "created": 0, "model": "bench",
               "choices": [{"index": 0, "text": "ok", "finish_reason": "length", "logprobs": None}],
               "usage": {"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 11}}
_INFO = {"model_id": "bench", "model_sha": None, "max_stop_sequences": 4, "max_input_length": 4096,
         "max_total_tokens": 16384, "max_best_of": 2, "max_concurrent_requests": 4096, "version": "bench"}


def _response(payload: bytes, status: str = "200 OK") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    return head.encode() + payload


_ANSWERS = {
    b"/": _response(json.dumps([_TGI]).encode()),
    b"/generate": _response(json.dumps(_TGI).encode()),
    b"/v1/chat/completions": _response(json.dumps(_CHAT).encode()),
    b"/v1/completions": _response(json.dumps(_COMPLETION).encode()),
}
_GETS = {
    b"/health": _response(b"{}"),
    b"/info": _response(json.dumps(_INFO).encode()),
    b"/v1/models": _response(json.dumps({"object": "list", "data": [{"id": "bench", "object": "model"}]}).encode()),
}


def serve(port: int, latency: float, slots: int = 0) -> None:
    """Run the server on 127.0.0.1:``port`` until the process is terminated."""
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    served = [0]
    busy = [0]
    waiting: deque = deque()

    class Http(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport, self.buffer = transport, b""

        def data_received(self, data: bytes) -> None:
            self.buffer += data
            while True:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    return
                head = self.buffer[:end]
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if len(self.buffer) < end + 4 + length:
                    return
                method, path = head.split(b" ", 2)[:2]
                self.buffer = self.buffer[end + 4 + length:]
                if method != b"POST":
                    if path == b"/stats":
                        self.transport.write(_response(json.dumps({"served": served[0]}).encode()))
                    else:
                        self.transport.write(_GETS.get(path, _response(b'{"error": "not found"}', "404 Not Found")))
                    continue
                answer = _ANSWERS.get(path, _ANSWERS[b"/"])
                if slots and busy[0] >= slots:
                    waiting.append((self, answer))
                else:
                    self._start(answer)

        def _start(self, answer: bytes) -> None:
            busy[0] += 1
            asyncio.get_running_loop().call_later(latency, self._finish, answer)

        def _finish(self, answer: bytes) -> None:
            busy[0] -= 1
            served[0] += 1
            if not self.transport.is_closing():
                self.transport.write(answer)
            if waiting:
                proto, queued = waiting.popleft()
                proto._start(queued)

    parent = os.getppid()

    async def orphaned() -> None:  # the benchmark died without stopping us: stop too
        while os.getppid() == parent:
            await asyncio.sleep(1.0)

    async def main() -> None:
        server = await asyncio.get_running_loop().create_server(Http, "127.0.0.1", port, backlog=4096)
        async with server:
            serving = asyncio.ensure_future(server.serve_forever())
            await orphaned()
            serving.cancel()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LoopbackServer:
    """``with LoopbackServer(latency=0.2) as srv: ... srv.url ... srv.served()`` (a child process)."""

    latency: float = 0.0
    slots: int = 0

    def __enter__(self) -> Self:
        self.port = free_port()
        cmd = [sys.executable, __file__, "--port", str(self.port), "--latency", str(self.latency),
               "--slots", str(self.slots)]
        self.process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    raise RuntimeError("loopback server did not start") from None
                time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def served(self) -> int:
        """POSTs answered so far (a blocking GET: call it from a thread or outside the loop)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall(b"GET /stats HTTP/1.1\r\nHost: x\r\n\r\n")
            data = b""
            deadline = time.monotonic() + 5
            while not data.endswith(b"}") and time.monotonic() < deadline:
                data += s.recv(4096)
        return json.loads(data.split(b"\r\n\r\n", 1)[1])["served"]

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="loopback model server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--slots", type=int, default=0)
    a = parser.parse_args()
    serve(a.port, a.latency, a.slots)
