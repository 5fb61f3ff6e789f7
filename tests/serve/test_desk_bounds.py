"""The desk is not open to any web page, and nothing it keeps grows without bound: a real
HTTP client (http.client, raw sockets) against `layout serve` on 127.0.0.1."""

from __future__ import annotations

import http.client
import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from layout.serve.web import (
    BUSY,
    MAX_CONNECTIONS,
    MAX_STREAMS,
    REQUEST_DEADLINE,
    SLOW,
    DeskServer,
    PageCache,
)
from tests.conftest import ROOT, write_minimal_issue


def port_of(url: str) -> int:
    return int(url.rstrip("/").rsplit(":", 1)[1])


def ask(port: int, path: str, host: str | None, method: str = "GET", headers=None,
        body: bytes | None = None):
    """(status, body) of one request with exactly this Host header (None: none at all)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    if host is not None:
        connection.putheader("Host", host)
    for key, value in (headers or {}).items():
        connection.putheader(key, value)
    connection.endheaders(body)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, response


def test_only_the_address_it_bound_is_answered(desk):
    """DNS rebinding: a page of evil.example whose name now points here sends its own Host."""
    port = port_of(desk[0])
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        status, body, _ = ask(port, "/proof.pdf", host)
        assert status == 200 and body.startswith(b"%PDF-"), host
    for host in (f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}", "localhost",
                 f"127.0.0.1.evil.example:{port}", ""):
        for path in ("/proof.pdf", "/status.json", "/desk.json", "/page/1.png?dpi=24", "/"):
            status, body, _ = ask(port, path, host)
            assert status == 421 and b"%PDF" not in body and b"articles" not in body, (host, path)
    assert ask(port, "/status.json", None)[0] == 421  # no Host header at all
    for hosts in ((f"127.0.0.1:{port}", "evil.example"), ("evil.example", f"127.0.0.1:{port}")):
        connection = socket.create_connection(("127.0.0.1", port), timeout=30)
        connection.sendall(b"GET /proof.pdf HTTP/1.1\r\n" + b"".join(
            b"Host: %s\r\n" % host.encode() for host in hosts) + b"\r\n")
        answer = connection.recv(4096)  # which one a proxy on the way read is not known
        assert answer.startswith(b"HTTP/1.0 400") and b"%PDF" not in answer, hosts
        connection.close()
    assert ask(port, "/send", f"evil.example:{port}", "POST",
               {"X-Desk": "send", "Content-Length": "0"})[0] == 421


def test_page_pictures_come_at_fixed_sizes_and_bad_parameters_are_400(desk):
    port = port_of(desk[0])
    host = f"127.0.0.1:{port}"
    for query in ("dpi=nan", "dpi=1e-300", "dpi=43", "dpi=-24", "dpi=inf", "dpi=24.0",
                  "dpi=" + "9" * 400, "dpi=%00"):
        status, body, _ = ask(port, f"/page/1.png?{query}", host)
        assert status == 400 and b"dpi must be one of" in body, query
    for page in ("x", "0", "-1", "1e3", "99999999"):
        assert ask(port, f"/page/{page}.png?dpi=24", host)[0] == 400, page
    assert ask(port, "/page/999.png?dpi=24", host)[0] == 404  # a number, past the proof
    status, body, _ = ask(port, "/page/1.png?dpi=110", host)
    assert status == 200 and body.startswith(b"\x89PNG")
    for body in (b'{"round": 1e999}', b'{"round": null}', b"[1]", b"\xff"):  # 1e999: inf
        status, _, _ = ask(port, "/send", host, "POST", {"X-Desk": "send",
                                                        "Content-Length": str(len(body))},
                           body=body)
        assert status == 400, body
    assert ask(port, "/status.json", host)[0] == 200  # the desk is still there


def test_pictures_kept_stay_within_their_memory(issue_pdf):
    cache = PageCache(memory=200_000)
    for page in range(1, 13):
        assert cache.page(issue_pdf, page, 48).startswith(b"\x89PNG")
        assert cache.size() <= 200_000 or len(cache.pictures) == 1
    kept = [(key[0][1], key[1]) for key in cache.pictures]  # ((proof, page), dpi)
    assert (12, 48) in kept and (1, 48) not in kept  # the oldest went


def test_a_page_the_save_did_not_change_keeps_its_picture(issue_pdf, tmp_path):
    """Pictures known by their version outlive the proof they were rendered from: a
    page a save did not change is not rendered again, and another version is."""
    cache = PageCache()
    first = cache.page(issue_pdf, 2, 24, "v-two")
    newer = tmp_path / "newer.pdf"
    newer.write_bytes(issue_pdf.read_bytes())
    assert cache.page(newer, 5, 24, "v-two") is first  # the same picture, not rendered
    assert cache.page(newer, 5, 24, "v-five") != first  # page 5 as it is


def trickle(port: int, head: bytes, rest: bytes) -> tuple[float, bytes]:
    """Send `head` at once, then `rest` a byte a second, as a Slowloris attack does, until
    the desk closes the connection: (seconds the connection was held, what the desk sent)."""
    connection = socket.create_connection(("127.0.0.1", port))
    started, answer = time.monotonic(), b""
    try:
        connection.sendall(head)
        for byte in rest:
            readable, _, _ = select.select([connection], [], [], 1.0)
            if readable:
                break
            connection.sendall(bytes([byte]))
        connection.settimeout(30)
        while chunk := connection.recv(4096):
            answer += chunk
    except (BrokenPipeError, ConnectionResetError):
        pass
    finally:
        connection.close()
    return time.monotonic() - started, answer


def test_a_slow_sender_holds_its_connection_only_until_the_deadline(desk):
    """A per-read timeout let a request trickle in a byte a second for ever: now a request
    must arrive whole (headers, then body) within REQUEST_DEADLINE, the wait included."""
    port = port_of(desk[0])
    host = f"Host: 127.0.0.1:{port}\r\n".encode()
    cases = {
        "headers": (b"GET /status.json HTTP/1.1\r\n", host + b"X-Slow: " + b"a" * 60),
        "body": (b"POST /send HTTP/1.1\r\n" + host + b"X-Desk: send\r\n"
                 b"Content-Length: 60\r\n\r\n", b'{"round": 1' + b" " * 50),
        "silent": (b"", b""),  # connects and says nothing
        "idle after a request": (b"GET /status.json HTTP/1.1\r\n" + host + b"\r\n", b""),
    }
    with ThreadPoolExecutor(len(cases)) as pool:
        times = pool.map(lambda case: trickle(port, *case), cases.values())
        held = dict(zip(cases, times, strict=True))
    for case, (seconds, _) in held.items():
        assert seconds < REQUEST_DEADLINE + 3, (case, seconds)
    assert held["headers"][1].startswith(b"HTTP/1.1 408")
    assert held["body"][1].startswith(b"HTTP/1.1 408")
    assert held["idle after a request"][1].startswith(b"HTTP/1.0 200")  # then closed
    assert ask(port, "/status.json", f"127.0.0.1:{port}")[0] == 200


def test_with_every_connection_held_by_slow_senders_a_request_is_still_answered(desk):
    """355 half-sent requests stopped the desk: now, every slot taken by a slow sender, a
    normal request pushes the slowest one out and is answered; one that finds no slow
    sender to push out is told the desk is busy (503 with a reason), never left waiting."""
    port = port_of(desk[0])
    stalled = []
    for _ in range(MAX_CONNECTIONS):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(b"GET /proof.pdf HTTP/1.1\r\nHost: 127.0")  # never finished
        stalled.append(connection)
    time.sleep(SLOW + 0.5)
    answers = [ask(port, "/status.json", f"127.0.0.1:{port}") for _ in range(4)]
    assert [status for status, _, _ in answers] == [200] * 4
    flood = [socket.create_connection(("127.0.0.1", port)) for _ in range(MAX_CONNECTIONS + 8)]
    for connection in flood[MAX_CONNECTIONS:]:  # each pushed an older one out, or was refused
        connection.settimeout(REQUEST_DEADLINE + 5)
        answer = connection.recv(512)
        assert answer.startswith(b"HTTP/1.1 408") or answer.startswith(b"HTTP/1.0 503") \
            and BUSY in answer, answer  # 408: it got in, then sent nothing in time
    started = time.monotonic()
    for connection in stalled + flood[:MAX_CONNECTIONS]:  # every one dropped by the deadline
        connection.settimeout(REQUEST_DEADLINE + 5)
        try:
            while connection.recv(4096):
                pass
        except ConnectionResetError:
            pass
    assert time.monotonic() - started < REQUEST_DEADLINE + 3
    assert ask(port, "/status.json", f"127.0.0.1:{port}")[0] == 200
    for connection in stalled + flood:
        connection.close()


def test_when_no_sender_is_slow_a_connection_past_the_cap_is_told_the_desk_is_busy():
    server = DeskServer(("127.0.0.1", 0), files=None)
    server.connections = threading.BoundedSemaphore(1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        first = socket.create_connection(("127.0.0.1", port))  # holds the only slot
        second = socket.create_connection(("127.0.0.1", port), timeout=10)
        answer = second.recv(512)
        assert answer.startswith(b"HTTP/1.0 503 Service Unavailable") and BUSY in answer
        first.close()
        second.close()
    finally:
        server.shutdown()
        server.server_close()


def stream_status(port: int) -> int:
    """The status of an event stream opened and closed at once (its body never ends)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/events")
    status = connection.getresponse().status
    connection.close()
    return status


def test_event_streams_are_capped(desk):
    port = port_of(desk[0])
    streams = []
    for _ in range(MAX_STREAMS):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/events")
        response = connection.getresponse()  # (kept: dropping it closes the stream)
        assert response.status == 200
        streams.append(response)
    assert stream_status(port) == 503
    for connection in streams:
        connection.close()
    deadline = time.monotonic() + 10
    while True:  # a page closed: its slot comes back at once
        if stream_status(port) == 200:
            break
        assert time.monotonic() < deadline, "no event stream could open again"
        time.sleep(0.2)


def test_a_network_address_needs_the_flag_then_a_token(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {"a": "---\nkind: feature\ntitle: A\n"
                                                         "pages: 4\n---\nText.\n"})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    refused = subprocess.run([sys.executable, "-m", "layout", "serve", str(root), "--host",
                              "0.0.0.0", "--port", "0"], cwd=tmp_path, capture_output=True,
                             text=True, env=env, timeout=60)
    assert refused.returncode == 2
    assert "error: --host: 0.0.0.0 lets other computers see the unpublished issue" in \
        refused.stderr and "--allow-network" in refused.stderr
    command = [sys.executable, "-m", "layout", "serve", str(root), "--host", "0.0.0.0",
               "--port", "0", "--allow-network"]
    with subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env=env) as process:
        try:
            warning = process.stdout.readline()
            assert warning.startswith("warning: the desk is open to the network")
            line = process.stdout.readline()
            found = re.search(r"at http://0\.0\.0\.0:(\d+)/\?desk-token=([\w-]+) ", line)
            assert found, line
            port, token = int(found.group(1)), found.group(2)
            host = f"192.0.2.7:{port}"  # any name of this computer, as a browser would send
            assert ask(port, "/status.json", host)[0] == 403
            assert ask(port, "/status.json?desk-token=wrong", host)[0] == 403
            status, _, response = ask(port, f"/?desk-token={token}", host)
            assert status == 200
            cookie = response.getheader("Set-Cookie")
            assert cookie.startswith(f"desk-token={token};") and "HttpOnly" in cookie
            assert ask(port, "/status.json", host, headers={"Cookie": f"desk-token={token}"}
                       )[0] == 200
            assert ask(port, f"/proof.pdf?desk-token={token}", host)[0] in (200, 404)
        finally:
            process.terminate()
            process.wait(timeout=10)
