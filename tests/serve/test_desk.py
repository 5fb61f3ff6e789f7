"""`layout serve` in a real browser (Debian's chromium, driven by playwright).

One session walks the editor's loop: the desk opens with an overset article in red and
its OVERSET pages beside it; a cut is saved and the page updates by itself; a YAML mistake
is saved and the page shows it at its line and column. Screenshots of each state are kept
in the test's folder (and copied to $SERVE_SHOTS when set).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from urllib.request import urlopen

import pytest

from tests.conftest import ROOT
from tests.serve.conftest import article
from tests.tools import needs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
def get_json(url: str):
    with urlopen(url) as response:
        return json.load(response)


def test_status_json_is_as_documented(desk):
    url, root, folder = desk
    status = get_json(url + "status.json")
    assert list(status) == ["built", "pdf", "pages", "error", "articles"]
    assert status["pdf"] == "build/testmag-2024-09/testmag-2024-09-proof.pdf"
    assert status["error"] is None
    assert (folder / status["pdf"]).exists()
    rows = {row["slug"]: row for row in status["articles"]}
    assert list(rows["forum"]) == ["slug", "first_page", "pages", "fit", "lines", "words"]
    assert rows["forum"]["fit"] == "overset" and rows["forum"]["pages"] >= 2
    assert rows["forum"]["lines"] > 10 and rows["forum"]["words"] > 100
    assert rows["letter"] == {"slug": "letter", "first_page": 2, "pages": 1, "fit": "underset",
                              "lines": rows["letter"]["lines"], "words": rows["letter"]["words"]}
    assert status["pages"] == sum(row["pages"] for row in rows.values())


@needs("chromium")
def test_the_desk_in_a_browser_follows_every_save(desk):
    sync_api = pytest.importorskip("playwright.sync_api")
    url, root, folder = desk
    shots = []
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 950})
            page.goto(url)
            page.wait_for_selector("#flatplan .spread")
            spreads = page.eval_on_selector_all(
                "#flatplan .spread", "spreads => spreads.map(s => [...s.children].map("
                "f => f.dataset.label || null))")
            # by folio: the cover alone, forum's OVERSET pages beside it, then 2-3 and 4
            assert spreads[0] == [None, "1"] and spreads[1][0] == "1+1"
            assert all(label is None or label.startswith("1+") for s in spreads[1:-2]
                       for label in s)
            assert spreads[-2:] == [["2", "3"], ["4", None]]
            overset = page.locator("#fits tr[data-slug=forum] td.fit")
            assert overset.inner_text().startswith("OVERSET by ")
            extra = sum(1 for spread in spreads for label in spread if label and "+" in label)
            assert page.inner_text("#fits tr[data-slug=forum] td:nth-child(2)") == \
                f"p. 1 + {extra} OVERSET page{'s' if extra > 1 else ''}"
            assert overset.evaluate("cell => getComputedStyle(cell).color") == "rgb(208, 30, 40)"
            assert "1 article overset" in page.inner_text("#summary")
            page.locator(".page[data-label='1+1']").click()
            assert page.inner_text("#viewer-title") == "Page 1+1 — forum"
            page.wait_for_function("window.deskSettled()")
            assert page.evaluate("document.getElementById('page-view').naturalWidth") > 800
            shots.append(_shot(page, folder, "1-overset"))

            before = page.evaluate("document.body.dataset.built")
            pictures = "[...document.querySelectorAll('#flatplan img')].map(i => i.src)"
            old_pictures = page.evaluate(pictures)
            forum = root / "articles" / "forum.md"
            forum.write_text(article("The forum, cut to fit.", "The civil forum"))
            page.wait_for_function(f"document.body.dataset.built !== {before!r}"
                                   " && document.getElementById('summary').textContent"
                                   ".startsWith('nothing overset')", timeout=15000)
            assert page.locator("#fits td.fit.overset").count() == 0
            assert page.inner_text("#fits tr[data-slug=forum] td.fit").startswith("underset")
            lag = page.evaluate("window.deskDrawnAt - Date.parse(document.body.dataset.built)")
            assert 0 <= lag < 1000  # drawn within a second of the rebuild
            page.wait_for_function("window.deskSettled()")  # and its pictures a moment later
            assert page.locator(".page[data-label='1+1']").count() == 0
            # the desk shows the page the save changed; the pages it did not change keep
            # their pictures (the same address: the browser does not ask for them again)
            assert page.inner_text("#viewer-title") == "Page 1 — forum"
            assert page.evaluate("window.deskChanged")[0] == 1
            new_pictures = page.evaluate(pictures)
            assert new_pictures[0] != old_pictures[0]  # forum's page 1
            assert new_pictures[-3:] == old_pictures[-3:]  # letter, news, closing
            assert all("/picture/" in address for address in new_pictures)
            shots.append(_shot(page, folder, "2-fixed"))

            # the round the saves update, sent from the page: kept as sent from now on
            assert page.inner_text("#round-state") == "Round 1 (working): each save updates it."
            page.click("#send")
            page.wait_for_selector("#send", state="hidden")
            assert page.inner_text("#round-state").startswith("Round 1 was sent ")
            assert "the next save starts round 2" in page.inner_text("#round-state")
            proofs = folder / "build" / "testmag-2024-09" / "proofs"
            sent = (proofs / "round-1.pdf").read_bytes()
            assert json.loads((proofs / "round-1.sent").read_text())["round"] == 1

            forum.write_text(forum.read_text().replace('"The civil forum"',
                                                       '"The "civil" forum"'))
            page.wait_for_selector("#error:not([hidden])", timeout=15000)
            assert page.inner_text("#error-where") == f"{root}/articles/forum.md:3:13"
            assert page.inner_text("#error-message").startswith("quotes inside quotes")
            source = page.inner_text("#error-source").split("\n")
            assert source == ['title: "The "civil" forum"', " " * 12 + "^"]
            assert "use the other quote marks" in page.inner_text("#error-hint")
            assert page.locator("#flatplan .spread").count() == 3  # the last proof stays
            shots.append(_shot(page, folder, "3-error"))
            status = get_json(url + "status.json")
            assert status["error"] == {"file": f"{root}/articles/forum.md", "line": 3,
                                       "column": 13, "message": status["error"]["message"],
                                       "hint": status["error"]["hint"]}

            forum.write_text(article("The forum, cut to fit once more.", "The civil forum"))
            page.wait_for_function("document.getElementById('round-state').textContent"
                                   ".startsWith('Round 2 (working)')", timeout=15000)
            assert (proofs / "round-1.pdf").read_bytes() == sent  # the round as it was sent
            assert (proofs / "round-2.pdf").is_file()
        finally:
            browser.close()
    if os.environ.get("SERVE_SHOTS"):
        target = os.environ["SERVE_SHOTS"]
        os.makedirs(target, exist_ok=True)
        for shot in shots:
            shutil.copy(shot, target)


def post_send(url: str, body: bytes, headers: dict) -> tuple[int, dict]:
    from urllib.error import HTTPError
    from urllib.request import Request

    request = Request(url + "send", data=body, method="POST", headers=headers)
    try:
        with urlopen(request) as response:
            return response.status, json.load(response)
    except HTTPError as err:
        return err.code, {}


def test_a_round_is_sent_only_by_the_desks_own_page(desk):
    url, root, folder = desk
    marker = folder / "build" / "testmag-2024-09" / "proofs" / "round-1.sent"
    own = {"Content-Type": "application/json", "X-Desk": "send"}
    # a form on another site can neither set X-Desk nor claim the desk's origin
    assert post_send(url, b'{"round": 1}', {"Content-Type": "application/json"})[0] == 403
    assert post_send(url, b'{"round": 1}', {**own, "Origin": "http://evil.example"})[0] == 403
    assert post_send(url, b"round=1", own)[0] == 400
    assert post_send(url, b'{"round": 2}', own)[0] == 409  # not the round the desk shows
    assert not marker.exists()
    code, state = post_send(url, b'{"round": 1}', own)
    assert code == 200 and state["view"]["round_sent"]
    assert json.loads(marker.read_text())["round"] == 1


def _shot(page, folder, name):
    path = folder / f"desk-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_a_port_in_use_is_a_clear_error(desk):
    url, root, folder = desk
    port = url.rsplit(":", 1)[1].strip("/")
    result = subprocess.run([sys.executable, "-m", "layout", "serve", str(root), "--port", port],
                            cwd=folder, capture_output=True, text=True, timeout=30,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: 127.0.0.1:{port}: cannot listen there: ")
    assert "choose another port with --port" in result.stderr
