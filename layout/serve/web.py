"""The desk's web server (standard library only): the page, its state, page pictures, events.

Routes: `/` and the static files; `/status.json` (the documented status); `/desk.json` (the
status and the page's view); `/events` (server-sent events: `desk` with each new state,
`building` when a rebuild starts); `/page/N.png?dpi=D` (page N of the proof, rendered
on demand and kept until the proof changes); `/proof.pdf`; and one action, `POST /send`
with `{"round": N}`: the round the desk shows is marked sent (layout/rounds.py).
"""

from __future__ import annotations

import io
import json
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from layout.errors import IssueError
from layout.processes import die_with_parent
from layout.serve.status import EMPTY_STATUS, DeskFiles

STATIC = Path(__file__).resolve().parent / "static"
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8"}
POLL = 0.05  # s between looks at the desk file: pages hear of a new proof within this
KEEP_ALIVE = 15  # s between comments on a quiet event stream (proxies drop silent ones)
MAX_DPI = 200


class DeskServer(ThreadingHTTPServer):
    """The HTTP server, knowing where the desk's files are."""

    daemon_threads = True  # an open event stream must not keep the server from stopping

    def __init__(self, address: tuple[str, int], files: DeskFiles):
        super().__init__(address, DeskHandler)
        self.files = files
        self.pictures = PageCache()


class DeskHandler(BaseHTTPRequestHandler):
    """One request to the desk."""

    server: DeskServer
    server_version = "ADALAZAMAT-desk"

    def log_message(self, format, *args):
        pass  # the terminal is the watcher's: one line per rebuild, no access log

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        route = url.path
        try:
            if route == "/":
                self.send_file(STATIC / "index.html")
            elif route in ("/desk.js", "/desk.css"):
                self.send_file(STATIC / route.lstrip("/"))
            elif route == "/status.json":
                state = self.server.files.read()
                self.send_json(state["status"] if state else EMPTY_STATUS)
            elif route == "/desk.json":
                self.send_json(self.server.files.read() or {"status": EMPTY_STATUS, "view": {}})
            elif route == "/events":
                self.stream_events()
            elif route.startswith("/page/") and route.endswith(".png"):
                self.send_page(route[len("/page/"):-len(".png")], query)
            elif route == "/proof.pdf":
                self.send_proof()
            else:
                self.send_error(HTTPStatus.NOT_FOUND, "no such page on the desk")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away: nothing to answer

    def do_POST(self) -> None:
        """`/send`: mark the round shown as sent. Only the desk's own page may ask: a form
        on another site cannot set the X-Desk header, and its Origin is not this desk."""
        route = urlsplit(self.path).path
        origin = self.headers.get("Origin")
        if route != "/send":
            self.send_error(HTTPStatus.NOT_FOUND, "no such action on the desk")
            return
        if self.headers.get("X-Desk") != "send" or (
                origin is not None and origin != f"http://{self.headers.get('Host', '')}"):
            self.send_error(HTTPStatus.FORBIDDEN, "only the desk's own page may send a round")
            return
        try:
            length = min(int(self.headers.get("Content-Length") or 0), 1000)
            number = int(json.loads(self.rfile.read(length) or b"{}")["round"])
        except (ValueError, KeyError, TypeError):
            self.send_error(HTTPStatus.BAD_REQUEST, 'send {"round": N}')
            return
        try:
            state = self.server.files.send_round(number)
        except IssueError as err:
            self.send_bytes(json.dumps({"error": f"{err.message} — {err.hint}"}).encode(),
                            "application/json; charset=utf-8", status=HTTPStatus.CONFLICT)
            return
        self.send_json(state)

    def send_bytes(self, data: bytes, kind: str, cache: str = "no-cache",
                   status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(data)

    def send_file(self, path: Path) -> None:
        self.send_bytes(path.read_bytes(), TYPES[path.suffix])

    def send_json(self, value) -> None:
        self.send_bytes(json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"),
                        "application/json; charset=utf-8")

    def current_pdf(self) -> Path | None:
        state = self.server.files.read()
        pdf = state and state["status"]["pdf"]
        return Path(pdf) if pdf and Path(pdf).is_file() else None

    def send_page(self, number: str, query: dict) -> None:
        pdf = self.current_pdf()
        try:
            page, dpi = int(number), min(float(query.get("dpi", ["40"])[0]), MAX_DPI)
        except ValueError:
            page, dpi = 0, 0
        if pdf is None or page < 1 or dpi <= 0:
            self.send_error(HTTPStatus.NOT_FOUND, "no such page in the proof")
            return
        png = self.server.pictures.page(pdf, page, dpi)
        if png is None:
            self.send_error(HTTPStatus.NOT_FOUND, "no such page in the proof")
            return
        # the URL carries the build time: a picture of one build never changes
        self.send_bytes(png, "image/png", "max-age=3600")

    def send_proof(self) -> None:
        pdf = self.current_pdf()
        if pdf is None:
            self.send_error(HTTPStatus.NOT_FOUND, "no proof yet")
            return
        self.send_bytes(pdf.read_bytes(), "application/pdf")

    def stream_events(self) -> None:
        """Server-sent events: the current state at once, then each new one as it comes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        files = self.server.files
        seen_desk = seen_building = None
        first, quiet_since = True, time.monotonic()
        while True:
            desk, building = _stamp(files.desk), _stamp(files.building)
            rounds = _stamp(files.rounds.folder)  # a round sent: the same state, now sent
            desk = desk and (*desk, rounds)
            if desk != seen_desk and desk is not None:
                state = files.read()
                if state is not None:
                    self.send_event("desk", json.dumps(state, ensure_ascii=False))
                    seen_desk, quiet_since = desk, time.monotonic()
            if building != seen_building:
                # a rebuild started since we looked (or is running as the page opens)
                if not first or (building and (desk is None or building[0] > desk[0])):
                    self.send_event("building", "{}")
                seen_building, quiet_since = building, time.monotonic()
            if time.monotonic() - quiet_since > KEEP_ALIVE:
                self.wfile.write(b": still here\n\n")
                self.wfile.flush()
                quiet_since = time.monotonic()
            first = False
            time.sleep(POLL)

    def send_event(self, name: str, data: str) -> None:
        self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
        self.wfile.flush()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_ino  # a rename gives a new inode even in the same ns


class PageCache:
    """Page pictures of the current proof, rendered once per proof, page and size."""

    def __init__(self):
        self.lock = threading.Lock()  # pdfium is not thread-safe
        self.key = None
        self.pictures: dict[tuple[int, float], bytes] = {}

    def page(self, pdf: Path, number: int, dpi: float) -> bytes | None:
        import pypdfium2

        from layout.checks.render import render_page

        with self.lock:
            key = _stamp(pdf)
            if key != self.key:
                self.key, self.pictures = key, {}
            if (number, dpi) not in self.pictures:
                document = pypdfium2.PdfDocument(str(pdf))
                try:
                    if number > len(document):
                        return None
                    image = render_page(document[number - 1], dpi)
                finally:
                    document.close()
                out = io.BytesIO()
                image.save(out, "PNG", compress_level=1)
                self.pictures[(number, dpi)] = out.getvalue()
            return self.pictures[(number, dpi)]


def run_server(server: DeskServer, parent: int) -> None:
    """Serve until the watcher that started us is gone (in the forked web process)."""
    die_with_parent(parent)
    server.serve_forever(poll_interval=0.2)
