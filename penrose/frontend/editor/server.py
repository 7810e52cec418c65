"""``penrose edit``: the editor page and its JSON requests, served on this machine's loopback only.

The server binds to 127.0.0.1 on a free port and makes a random token; every request must
carry it (``?token=`` in the address, or the ``X-Penrose-Token`` header), name this server
as its host, and POST JSON. The page's text is never evaluated: the requests are the named
:data:`~penrose.frontend.editor.actions.ACTIONS`, and the only file written is the one the
user named. The server stops on Ctrl-C, or a few seconds after the page is closed.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
import time
import webbrowser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .actions import Session
from .page import asset, page

__all__ = ["EditorServer", "serve"]

#: The largest request body the server reads (a sketch of the editor's largest size fits well within).
MAX_BODY = 8 << 20
#: Seconds the server waits after the page says goodbye before it stops (a reload comes back within them).
GRACE = 3.0

_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",  # (the token is in the address: never sent on)
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


class EditorServer(ThreadingHTTPServer):
    """The editor's HTTP server: loopback only, one token, one :class:`~.actions.Session`."""

    daemon_threads = True

    def __init__(self, session: Session, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.session = session
        self.token = secrets.token_urlsafe(24)
        self.last_request = time.monotonic()
        self.goodbye: float | None = None

    @property
    def address(self) -> str:
        """The page's address, token included."""
        return f"http://127.0.0.1:{self.server_port}/?token={self.token}"

    def allowed(self, token: str | None, host: str | None) -> bool:
        """True when a request carries this server's token and names this server as its host."""
        hosts = {f"127.0.0.1:{self.server_port}", f"localhost:{self.server_port}"}
        return token is not None and hmac.compare_digest(token, self.token) and host in hosts

    def watch(self) -> None:
        """Stop the server once the page has said goodbye and no request came back within :data:`GRACE` seconds."""
        while True:
            time.sleep(0.25)
            if self.goodbye is None:
                continue
            if self.last_request > self.goodbye:  # the page came back (a reload)
                self.goodbye = None
            elif time.monotonic() - self.goodbye > GRACE:
                self.shutdown()
                return


class _Handler(BaseHTTPRequestHandler):
    server: EditorServer
    server_version = "penrose-editor"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # (quiet: the terminal shows the address only)
        pass

    def _token(self) -> str | None:
        query = parse_qs(urlsplit(self.path).query)
        return self.headers.get("X-Penrose-Token") or (query.get("token") or [None])[0]

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", message.encode("utf-8"))

    def _send(self, status: HTTPStatus, mime: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        for key, value in _HEADERS.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _checked(self) -> bool:
        if not self.server.allowed(self._token(), self.headers.get("Host")):
            self._refuse(
                HTTPStatus.FORBIDDEN, "this editor's address carries a token: open the address penrose printed"
            )
            return False
        self.server.last_request = time.monotonic()
        return True

    def do_GET(self) -> None:
        if urlsplit(self.path).path == "/favicon.ico":  # (asked by every browser, without the token: nothing to see)
            self._send(HTTPStatus.NO_CONTENT, "image/x-icon", b"")
            return
        if not self._checked():
            return
        route = urlsplit(self.path).path
        if route == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", page(self.server.token).encode("utf-8"))
            return
        found = asset(route.lstrip("/"))
        if found is None:
            self._refuse(HTTPStatus.NOT_FOUND, "not found")
            return
        mime, body = found
        self._send(HTTPStatus.OK, mime, body)

    def do_POST(self) -> None:
        if not self._checked():
            return
        route = urlsplit(self.path).path
        if route == "/api/bye":  # the page was closed (a beacon, sent as text)
            self.server.goodbye = time.monotonic()
            self._send(HTTPStatus.NO_CONTENT, "text/plain", b"")
            return
        if not route.startswith("/api/"):
            self._refuse(HTTPStatus.NOT_FOUND, "not found")
            return
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            self._refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "requests are JSON")
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a request is at most {MAX_BODY} bytes")
            return
        try:
            payload = json.loads(self.rfile.read(length).decode("utf-8") or "null", parse_constant=_no_constant)
        except (ValueError, RecursionError):
            self._reply({"error": "the request is not JSON"})
            return
        self._reply(self.server.session.handle(route[len("/api/") :], payload))

    def _reply(self, answer: dict[str, Any]) -> None:
        body = json.dumps(answer, ensure_ascii=False, allow_nan=False, default=str).encode("utf-8")
        self._send(HTTPStatus.OK, "application/json; charset=utf-8", body)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def serve(path: str | Path | None = None, open_browser: bool = True, port: int = 0) -> None:
    """Serve the editor on ``path`` (a .json document, read if it exists, saved there) until Ctrl-C or the page closes.

    ``open_browser`` opens the page; ``port`` 0 takes a free one.
    """
    server = EditorServer(Session(path), port)
    print(f"penrose editor: {server.address}", flush=True)
    print("stop it with Ctrl-C (or close the page)", flush=True)
    threading.Thread(target=server.watch, daemon=True).start()
    if open_browser:
        threading.Timer(0.2, webbrowser.open, (server.address,)).start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
