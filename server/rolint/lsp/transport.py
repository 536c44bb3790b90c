"""The read loops: bytes from stdio or a TCP connection, through the resynchronising
:class:`~rolint.lsp.framing.Framer`, to the protocol.

They replace pygls' own loops (``pygls.io_.run_async``), which trust every
Content-Length and go deaf after one wrong one. Writing stays pygls' (its stdout
writer, or the TCP stream).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import queue
import sys
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from rolint.lsp.framing import Body, Framer

log = logging.getLogger("rolint.lsp")

CHUNK = 1 << 16
WRITE_CHUNK = 1 << 20


class QueuedWriter:
    """Writes messages to a binary stream on its own thread, in order.

    The event loop only queues: a 20 MB publication of a huge document, or an editor
    slow to read, never blocks it (with a plain write the loop waited until the client
    had read everything). Large messages are written in 1 MB chunks."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="rolint-stdout", daemon=True)
        self._thread.start()

    def write(self, data: bytes) -> None:
        self._queue.put(data)

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            try:
                view = memoryview(data)
                for at in range(0, len(view), WRITE_CHUNK):
                    self._stream.write(view[at : at + WRITE_CHUNK])
                self._stream.flush()
            except (BrokenPipeError, OSError, ValueError):
                log.error("the client has gone: cannot write")
                return

    def close(self) -> None:
        """Write what is queued (a few seconds at most), then close the stream."""
        self._queue.put(None)
        self._thread.join(5)
        with contextlib.suppress(OSError, ValueError):
            self._stream.close()


async def pump(read: Callable[[], Awaitable[bytes]], protocol: Any, stop: threading.Event) -> None:
    """Read until EOF (or ``stop``), handing every body or broken stretch on."""
    framer = Framer()
    while not stop.is_set():
        data = await read()
        if not data:
            return
        for event in framer.feed(data):
            try:
                if isinstance(event, Body):
                    protocol.handle_body(event.data)
                else:
                    protocol.report_broken(event)
            except (SystemExit, KeyboardInterrupt):
                raise
            except Exception as exc:  # never let one message stop the loop
                log.exception("cannot handle a message")
                protocol._server._report_server_error(exc, type(exc))


def serve_stdio(server: Any) -> None:
    """Serve on this process's stdin/stdout until EOF or ``exit``."""
    server._stop_event = stop = threading.Event()
    server.protocol.set_writer(QueuedWriter(sys.stdout.buffer))
    fd = sys.stdin.buffer.fileno()
    reader = ThreadPoolExecutor(1, thread_name_prefix="rolint-stdin")

    async def main() -> None:
        loop = asyncio.get_running_loop()
        await pump(lambda: loop.run_in_executor(reader, os.read, fd, CHUNK), server.protocol, stop)

    try:
        asyncio.run(main())
    except BrokenPipeError:
        log.error("the client has gone (broken pipe)")
    finally:
        reader.shutdown(wait=False, cancel_futures=True)


def serve_tcp(server: Any, host: str, port: int) -> None:
    """Serve one client at a time on ``host:port`` (loopback by default)."""
    server._stop_event = stop = threading.Event()

    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.protocol.set_writer(writer)
        await pump(lambda: reader.read(CHUNK), server.protocol, stop)
        server.shutdown()

    async def main() -> None:
        server._server = await asyncio.start_server(connection, host, port)
        async with server._server:
            await server._server.serve_forever()

    try:
        asyncio.run(main())
    except asyncio.CancelledError:
        log.debug("TCP server cancelled")
