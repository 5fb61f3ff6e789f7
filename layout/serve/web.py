"""The desk's web server (standard library only): the page, its state, page pictures, events.

Routes: `/` and the static files; `/status.json` (the documented status); `/desk.json` (the
status and the page's view); `/events` (server-sent events: `desk` with each new state,
`building` when a rebuild starts); `/page/N.png?dpi=D` (page N of the proof, rendered
on demand at one of a few sizes, the most recent kept in a bounded cache);
`/picture/V.png?dpi=D` (the page whose version is V: what it shows, so a page a save did
not change keeps its address and its picture; the changed pages are rendered ahead as
each new state comes); `/proof.pdf`;
and one action, `POST /send` with `{"round": N}`: the round the desk shows is marked sent
(layout/rounds.py).

What it answers, and to whom: only requests whose Host header names the address it bound
(127.0.0.1, localhost or [::1] with its port: a web page that rebinds its own name to this
computer gets 421, never the unpublished issue); when it is bound to another address (only
with `--allow-network`), every request must carry the desk's token (in the URL once, then
a cookie). Every request must arrive whole (request line, headers, body) within a few
seconds of the connection's first wait, however slowly it trickles (a slow sender holds no
slot longer); connections and event streams are capped, and when every connection is taken
the one that has been sending its request longest is dropped for a new one (else 503).
"""

from __future__ import annotations

import hmac
import io
import ipaddress
import json
import socket
import threading
import time
from collections import OrderedDict
from http import HTTPStatus
from http.cookies import SimpleCookie
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
SIZES = (24, 48, 72, 110, 150, 200)  # dpi a page picture may be asked at (the page asks 24, 110)
PICTURE_MEMORY = 96 * 1024 * 1024  # bytes of page pictures kept, the least recent dropped
TIMEOUT = 10  # s a connection may be silent while a response is written
REQUEST_DEADLINE = 5  # s from the wait for a request to its last byte read (then 408, closed)
SLOW = 1.0  # s a request may take to arrive before a new connection may push it out
MAX_CONNECTIONS = 32  # at once; beyond, the slowest sender is dropped, or 503 if none is slow
MAX_STREAMS = 8  # event streams at once (open desk pages)
TOKEN = "desk-token"  # the query parameter and cookie that carry the token
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether an address to bind lets only this computer in."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class DeskServer(ThreadingHTTPServer):
    """The HTTP server, knowing where the desk's files are, whom to answer, and its bounds.

    `token`: required in every request (a non-loopback address); without one, only this
    computer can connect and the Host check is the guard.
    """

    daemon_threads = True  # an open event stream must not keep the server from stopping

    def __init__(self, address: tuple[str, int], files: DeskFiles, token: str | None = None):
        super().__init__(address, DeskHandler)
        self.files = files
        self.token = token
        self.pictures = PageCache()
        self.connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)
        self.senders: dict[socket.socket, float] = {}  # connections reading a request: since
        self.senders_lock = threading.Lock()
        host, port = self.server_address[:2]
        self.hosts = {f"{name}:{port}" for name in LOOPBACK_NAMES}
        if not is_loopback(host):
            self.hosts.add(f"[{host}]:{port}" if ":" in host else f"{host}:{port}")

    def host_allowed(self, host: str | None) -> bool:
        """A Host header naming the address bound; any, with a token on a wildcard address
        (the computer's names are not known; the token guards it)."""
        if host is None:
            return False
        if host.lower() in self.hosts:
            return True
        wildcard = self.server_address[0] in ("0.0.0.0", "::")
        return bool(self.token) and wildcard

    def process_request(self, request, client_address) -> None:
        """A thread per connection, up to MAX_CONNECTIONS; beyond, the connection that has
        been sending its request longest (over SLOW seconds) is dropped to make room, and
        when none is that slow, 503 at once."""
        if not self.connections.acquire(blocking=False) and not (
                self.drop_slowest_sender() and self.connections.acquire(timeout=1)):
            try:
                request.settimeout(1)
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 1\r\n"
                                b"Content-Type: text/plain; charset=utf-8\r\n"
                                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
                                % (len(BUSY), BUSY))
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.connections.release()
            raise

    def sending(self, connection: socket.socket, since: float | None) -> None:
        """Note that a connection started (a time) or finished (None) sending a request."""
        with self.senders_lock:
            if since is None:
                self.senders.pop(connection, None)
            else:
                self.senders[connection] = since

    def drop_slowest_sender(self) -> bool:
        """Close the connection that has been sending its request longest, if for over SLOW
        seconds (its thread ends at once and frees its slot); whether one was."""
        with self.senders_lock:
            slow = [(since, id(c), c) for c, since in self.senders.items()
                    if time.monotonic() - since > SLOW]
            if not slow:
                return False
            connection = min(slow)[2]
            self.senders.pop(connection)
        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        return True

    def handle_error(self, request, client_address) -> None:
        """A request that failed in our code: one line on the terminal, not a traceback
        (the connection is closed; the desk goes on serving)."""
        import sys

        kind, error = sys.exc_info()[:2]
        if kind is not None and issubclass(kind, (ConnectionError, TimeoutError)):
            return
        print(f"desk: internal error answering a request: {kind.__name__ if kind else '?'}: "
              f"{error} — please report it", file=sys.stderr)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()


BUSY = "the desk is busy: too many connections at once — try again in a moment".encode()


class RequestReader(io.RawIOBase):
    """A connection's incoming bytes, every read bounded by what is left of the request's
    deadline (a per-read timeout alone lets a sender trickle a byte a second for ever)."""

    def __init__(self, connection: socket.socket):
        self.connection = connection
        self.deadline = time.monotonic() + REQUEST_DEADLINE
        self.late = False  # the deadline passed before the request was read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            self.late = True
            raise TimeoutError("the request did not arrive in time")
        self.connection.settimeout(min(left, TIMEOUT))
        try:
            return self.connection.recv_into(buffer)
        except TimeoutError:
            self.late = True
            raise
        finally:
            self.connection.settimeout(TIMEOUT)


class DeskHandler(BaseHTTPRequestHandler):
    """One request to the desk."""

    server: DeskServer
    server_version = "ADALAZAMAT-desk"
    timeout = TIMEOUT  # every write of the connection (StreamRequestHandler)

    def log_message(self, format, *args):
        pass  # the terminal is the watcher's: one line per rebuild, no access log

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # the socket's own file: reads through the deadline instead
        self.reader = RequestReader(self.connection)
        self.rfile = io.BufferedReader(self.reader)

    def handle_one_request(self) -> None:
        """One request, read whole within REQUEST_DEADLINE (the wait for it included); one
        that is late gets 408 and the connection is closed."""
        self.reader.deadline = time.monotonic() + REQUEST_DEADLINE
        self.server.sending(self.connection, time.monotonic())
        try:
            super().handle_one_request()
        finally:
            self.server.sending(self.connection, None)
        if self.reader.late:
            self.close_connection = True
            try:
                self.connection.settimeout(1)
                self.connection.sendall(b"HTTP/1.1 408 Request Timeout\r\nConnection: close"
                                        b"\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                pass

    def parse_request(self) -> bool:
        """Read the headers; once they are in, the connection is no longer a slow sender (a
        body still has to arrive before the deadline)."""
        parsed = super().parse_request()
        self.server.sending(self.connection, None)
        return parsed

    def admitted(self, query: dict) -> bool:
        """Whether to answer at all: the Host header, then the token (when one is needed);
        the refusal is sent here."""
        if len(self.headers.get_all("Host") or []) > 1:  # which one would a proxy have read?
            self.send_error(HTTPStatus.BAD_REQUEST, "one Host header, please")
            return False
        if not self.server.host_allowed(self.headers.get("Host")):
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST,
                            "this desk answers only at the address it serves on")
            return False
        token = self.server.token
        if token is None:
            return True
        given = (query.get(TOKEN) or [""])[0]
        if not given:
            cookie = SimpleCookie(self.headers.get("Cookie", ""))
            given = cookie[TOKEN].value if TOKEN in cookie else ""
        if hmac.compare_digest(given.encode(), token.encode()):
            return True
        self.send_error(HTTPStatus.FORBIDDEN, "open the desk with the address it printed "
                        "(its token is part of it)")
        return False

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        route = url.path
        try:
            if not self.admitted(query):
                return
            if route == "/":
                self.send_file(STATIC / "index.html", remember_token=TOKEN in query)
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
            elif route.startswith("/picture/") and route.endswith(".png"):
                self.send_picture(route[len("/picture/"):-len(".png")], query)
            elif route == "/proof.pdf":
                self.send_proof()
            else:
                self.send_error(HTTPStatus.NOT_FOUND, "no such page on the desk")
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the browser went away, or stopped reading: nothing to answer

    def do_POST(self) -> None:
        """`/send`: mark the round shown as sent. Only the desk's own page may ask: a form
        on another site cannot set the X-Desk header, and its Origin is not this desk."""
        url = urlsplit(self.path)
        if not self.admitted(parse_qs(url.query)):
            return
        route = url.path
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
        except (ValueError, KeyError, TypeError, OverflowError):  # (1e999 is infinity)
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
                   status: HTTPStatus = HTTPStatus.OK, cookie: str | None = None) -> None:
        self.send_response(status)
        if cookie:
            self.send_header("Set-Cookie", cookie)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(data)

    def send_file(self, path: Path, remember_token: bool = False) -> None:
        """A static file; the page opened with the token keeps it as a cookie, so that its
        pictures, state and events carry it too."""
        cookie = None
        if remember_token and self.server.token:
            cookie = f"{TOKEN}={self.server.token}; Path=/; HttpOnly; SameSite=Strict"
        self.send_bytes(path.read_bytes(), TYPES[path.suffix], cookie=cookie)

    def send_json(self, value) -> None:
        self.send_bytes(json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"),
                        "application/json; charset=utf-8")

    def current_pdf(self, state: dict | None = None) -> Path | None:
        return current_pdf(state or self.server.files.read())

    def send_page(self, number: str, query: dict) -> None:
        asked = query.get("dpi", ["24"])[0]
        if not (number.isascii() and number.isdigit() and 0 < len(number) < 6
                and int(number) >= 1):
            self.send_error(HTTPStatus.BAD_REQUEST, "a page is asked by its number: /page/N.png")
            return
        if not (asked.isascii() and asked.isdigit() and int(asked) in SIZES):
            self.send_error(HTTPStatus.BAD_REQUEST, "dpi must be one of "
                            + ", ".join(map(str, SIZES)))
            return
        page, dpi = int(number), int(asked)
        state = self.server.files.read()
        pdf = self.current_pdf(state)
        if pdf is None:
            self.send_error(HTTPStatus.NOT_FOUND, "no proof yet")
            return
        png = self.server.pictures.page(pdf, page, dpi, page_version(state, page))
        if png is None:
            self.send_error(HTTPStatus.NOT_FOUND, "no such page in the proof")
            return
        # the URL carries the build time: a picture of one build never changes
        self.send_bytes(png, "image/png", "max-age=3600")

    def send_picture(self, version: str, query: dict) -> None:
        """A page's picture by its version (what it shows): the same address from one proof
        to the next while the page does not change, wherever it moves."""
        asked = query.get("dpi", ["24"])[0]
        if not (asked.isascii() and asked.isdigit() and int(asked) in SIZES):
            self.send_error(HTTPStatus.BAD_REQUEST, "dpi must be one of "
                            + ", ".join(map(str, SIZES)))
            return
        state = self.server.files.read()
        pdf = self.current_pdf(state)
        versions = ((state or {}).get("view") or {}).get("versions") or []
        if pdf is None or version not in versions:
            self.send_error(HTTPStatus.NOT_FOUND, "no such page in the proof (a newer one "
                            "replaced it: the desk asks for its pages)")
            return
        number = versions.index(version) + 1
        if page_version(state, number) != version:  # the proof is newer than the state
            self.send_error(HTTPStatus.NOT_FOUND, "the proof is being replaced: ask again")
            return
        png = self.server.pictures.page(pdf, number, int(asked), version)
        if png is None:
            self.send_error(HTTPStatus.NOT_FOUND, "no such page in the proof")
            return
        self.send_bytes(png, "image/png", "max-age=3600")

    def send_proof(self) -> None:
        pdf = self.current_pdf()
        if pdf is None:
            self.send_error(HTTPStatus.NOT_FOUND, "no proof yet")
            return
        self.send_bytes(pdf.read_bytes(), "application/pdf")

    def stream_events(self) -> None:
        """Server-sent events, at most MAX_STREAMS at once (503 beyond)."""
        if not self.server.streams.acquire(blocking=False):
            self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "too many desk pages are open: "
                            "close one")
            return
        try:
            self._stream_events()
        finally:
            self.server.streams.release()

    def _stream_events(self) -> None:
        """The current state at once, then each new one as it comes."""
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
            if self.client_gone():
                return  # its slot is free at once, not at the next write
            time.sleep(POLL)

    def client_gone(self) -> bool:
        """Whether the browser closed the event stream (its socket reads as ended)."""
        import select
        import socket

        readable, _, _ = select.select([self.connection], [], [], 0)
        if not readable:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    def send_event(self, name: str, data: str) -> None:
        self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
        self.wfile.flush()


def current_pdf(state: dict | None) -> Path | None:
    """The proof the desk's state shows, if it is there."""
    pdf = state and state["status"]["pdf"]
    return Path(pdf) if pdf and Path(pdf).is_file() else None


def page_version(state: dict | None, number: int) -> str | None:
    """The name of page `number`'s picture in the state (layout.build.page_versions)."""
    view = (state or {}).get("view") or {}
    versions = view.get("versions") or []
    pdf = current_pdf(state)
    if pdf is None or list(_stamp(pdf) or ()) != view.get("pdf_stamp"):
        return None  # the proof is newer than the state: its pages are not these versions
    return versions[number - 1] if 0 < number <= len(versions) else None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_ino  # a rename gives a new inode even in the same ns


class PageCache:
    """Page pictures, rendered once per picture and size: a page is known by its version
    (what it shows: layout.build.page_versions), so the pages a save did not change keep
    their pictures from one proof to the next; a page without one, by the proof and its
    number. At most `memory` bytes of them are kept, the least recently asked dropped first.
    """

    def __init__(self, memory: int = PICTURE_MEMORY):
        self.lock = threading.Lock()  # pdfium is not thread-safe
        self.memory = memory
        self.pictures: OrderedDict[tuple, bytes] = OrderedDict()
        self.open: tuple | None = None  # (the proof's stamp, its document) while it is current

    def size(self) -> int:
        return sum(len(png) for png in self.pictures.values())

    def page(self, pdf: Path, number: int, dpi: int, version: str | None = None
             ) -> bytes | None:
        with self.lock:
            key = (version or (_stamp(pdf), number), dpi)
            if key not in self.pictures:
                png = self._render(pdf, number, dpi)
                if png is None:
                    return None
                self.pictures[key] = png
                while len(self.pictures) > 1 and self.size() > self.memory:
                    self.pictures.popitem(last=False)
            self.pictures.move_to_end(key)
            return self.pictures[key]

    def _render(self, pdf: Path, number: int, dpi: int) -> bytes | None:
        """Page `number` of the proof at `dpi` as a PNG (the document stays open while it
        is the current proof: the pages of one proof are asked one after another)."""
        import pypdfium2

        from layout.checks.render import render_page

        stamp = _stamp(pdf)
        if self.open is None or self.open[0] != stamp:
            if self.open is not None:
                self.open[1].close()
            self.open = (stamp, pypdfium2.PdfDocument(str(pdf)))
        document = self.open[1]
        if number > len(document):
            return None
        image = render_page(document[number - 1], dpi)
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=1)
        return out.getvalue()

    def prepare(self, state: dict | None, sizes: tuple[tuple[int, int], ...]) -> None:
        """Render ahead what the desk is about to ask: (page, dpi) pairs, in order."""
        pdf = current_pdf(state)
        for number, dpi in sizes:
            if pdf is None:
                return
            self.page(pdf, number, dpi, page_version(state, number))


VIEW_DPI, THUMB_DPI = 110, 24  # the sizes desk.js asks: the page viewed, the flatplan


def prepare_pictures(server: DeskServer) -> None:
    """The web process's renderer ahead of the page: at each new state, the first changed
    page at the viewer's size, then every changed page at the flatplan's (the desk shows the
    changed page first; pages a save did not change keep their pictures)."""
    seen = None
    while True:
        stamp = _stamp(server.files.desk)
        if stamp != seen:
            seen = stamp
            state = server.files.read()
            changed = ((state or {}).get("view") or {}).get("changed") or []
            try:
                server.pictures.prepare(state, tuple(
                    [(page, VIEW_DPI) for page in changed[:1]]
                    + [(page, THUMB_DPI) for page in changed]))
            except Exception:  # a proof replaced while read: the page asks again
                pass
        time.sleep(POLL)


def run_server(server: DeskServer, parent: int) -> None:
    """Serve until the watcher that started us is gone (in the forked web process)."""
    die_with_parent(parent)
    threading.Thread(target=prepare_pictures, args=(server,), daemon=True).start()
    server.serve_forever(poll_interval=0.2)
