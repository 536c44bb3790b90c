"""A LanguageTool server that can go away and come back on the same port, cheaply.

The tests of a dead LanguageTool used to start a JVM, kill it, and start a second JVM on
the same port (about 12 s of CPU each here). rolint only ever sees the server's URL, so
what those tests need is that URL going dead and coming back. :class:`Outage` is a real
TCP forwarder on loopback in front of the real, shared LanguageTool server: ``down()``
closes its listening socket and every open connection (what the kernel does to the
sockets of a process that dies: the client gets EOF mid-request, then "connection
refused"), ``up()`` listens on the same port again. Requests in between reach the real
LanguageTool, byte for byte.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class Outage:
    """``url`` forwards to ``upstream`` (``host:port``) until :meth:`down`."""

    def __init__(self, upstream_url: str) -> None:
        host_port = upstream_url.rsplit("/", 1)[-1] if "//" in upstream_url else upstream_url
        host, port = host_port.rsplit(":", 1)
        self.upstream = (host, int(port))
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.port = 0
        self.chunks = 0  # reads forwarded from rolint to LanguageTool (requests, roughly)
        self.up()
        self.url = f"http://127.0.0.1:{self.port}"

    def up(self) -> None:
        """Listen (again) on this outage's port; a fresh one the first time."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = int(listener.getsockname()[1])
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        """Stop listening and drop every connection, as a server that died would."""
        with self._lock:
            listener, self._listener = self._listener, None
            conns, self._open = self._open, set()
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed by down()
            try:
                server = socket.create_connection(self.upstream, timeout=10)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    server.close()
                    return
                self._open.update((client, server))
            for src, dst, upward in ((client, server, True), (server, client, False)):
                threading.Thread(target=self._pump, args=(src, dst, upward), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, upward: bool) -> None:
        """Copy bytes one way until either side closes; then close both."""
        try:
            while data := src.recv(65536):
                dst.sendall(data)
                if upward:
                    self.chunks += 1
        except OSError:
            pass
        for sock in (src, dst):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        with self._lock:
            self._open.discard(src)
            self._open.discard(dst)
        src.close()
        dst.close()
