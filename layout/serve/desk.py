"""`layout serve`: bind the port, fork the web server, then watch and rebuild."""

from __future__ import annotations

import os
import secrets
import signal
from collections.abc import Callable
from pathlib import Path

from layout import watch as watching
from layout.content import read_masthead
from layout.errors import IssueError
from layout.files import default_pdf
from layout.rounds import Rounds
from layout.serve.status import DeskFiles
from layout.serve.web import TOKEN, DeskServer, is_loopback, run_server
from layout.watch import proof_and_previews, watch


def serve(issue: Path, host: str, port: int, output: Path | None, fonts_dir: Path,
          echo: Callable[[str], None], allow_network: bool = False) -> None:
    """Serve the proofing desk at host:port and rebuild the proof on every change.

    The desk's files go beside the proof (by default in the issue's build/<stem>/), its
    rounds in proofs/ there. An address other computers can reach is refused unless
    `allow_network`; then a warning is printed and every request needs the desk's token
    (part of the address printed).
    """
    token = None
    if not is_loopback(host):
        if not allow_network:
            raise IssueError("--host", None, f"{host} lets other computers see the unpublished "
                             "issue", "serve on 127.0.0.1 (the default), or add "
                             "--allow-network to let the network in (with a token)")
        token = secrets.token_urlsafe(24)
    output = output or default_pdf(issue, read_masthead(issue).file_stem, proof=True,
                                   claim=True)
    folder = output.parent
    files = DeskFiles(folder / "desk", Rounds(folder / "proofs"))
    files.folder.mkdir(parents=True, exist_ok=True)
    try:
        server = DeskServer((host, port), files, token)
    except OSError as err:
        raise IssueError(f"{host}:{port}", None, f"cannot listen there: {err.strerror}",
                         "choose another port with --port (e.g. --port 8001)") from None
    watcher = os.getpid()
    web = os.fork()
    if web == 0:  # the web process: serve until the watcher is gone
        signal.signal(signal.SIGINT, lambda *_: os._exit(0))
        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
        try:
            run_server(server, watcher)
        finally:
            os._exit(0)
    server.socket.close()  # the web process holds the port now
    bound_host, bound_port = server.server_address[:2]
    address = f"http://{_url_host(bound_host)}:{bound_port}/"
    if token:
        echo(f"warning: the desk is open to the network at {bound_host}:{bound_port}: anyone "
             "who has the address below (with its token) sees the unpublished issue")
        address += f"?{TOKEN}={token}"
    echo(f"serving the proof of {issue} at {address} "
         "— every saved change rebuilds it (Ctrl-C stops)")

    def stop(*_):
        watching.STOP.set()  # the watcher's loop ends even where the interrupt is lost
        raise KeyboardInterrupt  # `kill` ends the desk as Ctrl-C does: web process too

    signal.signal(signal.SIGTERM, stop)
    try:
        watch(issue, fonts_dir, folder,
              lambda check: proof_and_previews(issue, output, None, None, files.publish, check),
              echo=echo, started=files.started)
    finally:
        os.kill(web, signal.SIGTERM)
        os.waitpid(web, 0)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
