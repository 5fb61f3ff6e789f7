"""`make pdf` says, at the file and line to change, what `make handoff` would refuse."""

from __future__ import annotations

from layout.compose.figures import Placement
from layout.compose.grid import Grid
from layout.compose.issue import check_picture_bleed
from layout.compose.pages import ComposedArticle
from layout.content import load_issue
from layout.print_rules import MM
from tests.conftest import run_cli, write_minimal_issue


def feature(body: str = "", pages: int = 1) -> str:
    return f"---\nkind: feature\ntitle: \"Pictures\"\npages: {pages}\n---\nText.\n\n{body}\n"


def test_a_theme_colour_over_the_ink_limit_is_said_at_its_line(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {f"a{k}": feature() for k in range(4)})
    theme = (root / "theme.yaml").read_text(encoding="utf-8")
    theme = theme.replace("  tint: [14, 0, 3, 1] ", "  tint: [60, 80, 90, 100]", 1)
    (root / "theme.yaml").write_text(theme, encoding="utf-8")
    line = next(k for k, text in enumerate(theme.splitlines(), 1) if "[60, 80, 90, 100]" in text)
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    assert (f"{root / 'theme.yaml'}:{line}: colours.tint [60, 80, 90, 100] is 330% of ink, "
            "over press.ink_limit 300% — make handoff will refuse") in result.stderr


def test_a_picture_touching_the_trim_without_bleed_is_said_at_its_line(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {"pics": feature("::: figure images/a.jpg"
                                                                    "\nA caption.\n:::", 2)})
    article = load_issue(root).articles[0]
    grid = Grid(bleed=3 * MM, trim_width=595.28, trim_height=841.89, head=50, foot=50,
                inner=50, outer=50, gutter=12, leading=12, safe=14)
    left, bottom, right, top = grid.trim_box
    placements = [
        Placement(8, "a.jpg", 300, page=2, box=(left, bottom + 100, left + 200, bottom + 300)),
        Placement(8, "b.jpg", 300, page=2, box=(0, 0, right + 1 * MM, top + 3 * MM)),
        Placement(8, "c.jpg", 300, page=1, box=(left + 40, bottom + 40, left + 200, top - 40)),
    ]
    warnings: list[str] = []
    check_picture_bleed(article, ComposedArticle("pics", 5, b"", 2, placements), grid, warnings)
    assert warnings == [
        f"{article.path}:8: picture 'a.jpg' touches the left trim on p. 6 but runs only 0.0 mm "
        "into the bleed (2 mm at least, 3 mm wanted) — make handoff will refuse it; place it to "
        "the bleed or clear of the trim",
        f"{article.path}:8: picture 'b.jpg' touches the right trim on p. 6 but runs only 1.0 mm "
        "into the bleed (2 mm at least, 3 mm wanted) — make handoff will warn; place it to "
        "the bleed or clear of the trim",
    ]  # c.jpg is inside the type area: no bleed needed


def test_a_full_bleed_picture_gives_no_bleed_warning_and_passes_preflight(tmp_path):
    from PIL import Image

    from layout.checks.preflight import preflight

    root = write_minimal_issue(tmp_path / "issue", {
        "pics": feature("::: figure images/big.jpg bleed\nThe steppe.\nPhoto: NASA\n:::", 2),
        "a": feature(), "b": feature()})
    (root / "images").mkdir()
    Image.new("RGB", (2800, 3800), (90, 120, 160)).save(root / "images" / "big.jpg",
                                                         dpi=(300, 300))
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    assert "into the bleed" not in result.stderr
    assert preflight(tmp_path / "out.pdf").result("bleed").status == "pass"
