"""The Debian tools some tests read PDFs back with, and what to do when they are missing.

`needs(...)` skips a test whose tools are not on PATH, naming each tool and its package.
`python -m tests.tools` (the first step of `make test`) installs the missing ones with
apt-get when it can — as root, or with sudo that asks no password — and says so; when it
cannot, it says in one line which tools are missing and that their tests will skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

PACKAGES = {  # tool -> the Debian package that has it
    "gs": "ghostscript", "pdffonts": "poppler-utils", "pdfinfo": "poppler-utils",
    "pdfimages": "poppler-utils", "pdftotext": "poppler-utils", "pdftoppm": "poppler-utils",
    "qpdf": "qpdf", "xmllint": "libxml2-utils", "chromium": "chromium",
}


def missing(*tools: str) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


def needs(*tools: str) -> pytest.MarkDecorator:
    """Skip unless every tool is on PATH: 'needs gs (ghostscript), pdfinfo (poppler-utils)'."""
    absent = missing(*tools)
    named = ", ".join(f"{tool} ({PACKAGES.get(tool, '?')})" for tool in absent)
    return pytest.mark.skipif(bool(absent), reason=f"needs {named}: apt-get install "
                              + " ".join(sorted({PACKAGES.get(t, t) for t in absent})))


def install() -> int:
    """Install the missing tools with apt-get if this machine lets us; say what happened."""
    absent = missing(*PACKAGES)
    if not absent or os.environ.get("LAYOUT_TESTS_NO_APT"):
        return 0
    packages = sorted({PACKAGES[tool] for tool in absent})
    if os.geteuid() == 0:
        prefix = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"],
                                                 capture_output=True).returncode == 0:
        prefix = ["sudo", "-n"]
    else:
        print(f"make test: {', '.join(absent)} not installed, and this user cannot install "
              f"them (not root, no sudo): the tests that need them skip — "
              f"sudo apt-get install {' '.join(packages)} runs them", file=sys.stderr)
        return 0
    print(f"make test: installing {' '.join(packages)} with apt-get (the tests read PDFs "
          "back with them; LAYOUT_TESTS_NO_APT=1 skips this)", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", *packages]):
        done = subprocess.run([*prefix, *command], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            print(f"make test: apt-get failed ({last}): the tests that need "
                  f"{', '.join(missing(*absent))} skip", file=sys.stderr)
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(install())
