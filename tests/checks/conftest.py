"""Fixtures of the preflight tests: the test images and the font their PDFs use."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tests.checks.pdf_cases import FONT, FONT_FILE, make_assets


@pytest.fixture(scope="session")
def assets(tmp_path_factory) -> dict[str, Path]:
    """Images made with Pillow (100 x 100 px, so the placed size sets the ppi); the font
    registered with ReportLab."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    return make_assets(tmp_path_factory.mktemp("preflight-assets"))
