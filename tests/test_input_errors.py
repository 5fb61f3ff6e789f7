"""Every input error is an input error: exit 2, `file:line: what — what to do`, no traceback,
no "internal error", no PDF — and a refused file's content is never shown.

The hostile cases of issue 14: paths that leave the issue, files that are not files, sizes
that would exhaust the machine, values that used to crash the build. (Article-only cases
are in tests/content/test_reader_errors.py.)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import run_cli, write_minimal_issue

GOOD = '---\nkind: feature\ntitle: "A good article"\npages: 1\n---\nSome text of the article.\n'
SECRET = "CANARY-7f3a"  # written into files outside the issue: must never be printed


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def masthead(root: Path, line: str) -> None:
    """Add a line to issue.yaml before the flatplan (it becomes line 7)."""
    edit(root / "issue.yaml", "flatplan:", f"{line}\nflatplan:")


def secret(root: Path, name: str = "secret.yaml") -> Path:
    """A file outside the issue folder that must never be read."""
    path = root.parent / "outside" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"colours: {SECRET}\n")
    return path


def article(root: Path, slug: str, text: str) -> None:
    (root / "articles" / f"{slug}.md").write_text(text)


def append(root: Path, text: str, slug: str = "d") -> None:
    """Text after the body of articles/d.md (it starts at line 8)."""
    path = root / "articles" / f"{slug}.md"
    path.write_text(path.read_text() + "\n" + text)


def picture(root: Path, image: Image.Image, name: str = "p.tif") -> None:
    (root / "images").mkdir(exist_ok=True)
    image.save(root / "images" / name)
    append(root, f"::: figure images/{name}\nA caption.\n:::\n")


def symlink(root: Path, slug: str, target: Path) -> None:
    (root / "articles" / f"{slug}.md").unlink()
    (root / "articles" / f"{slug}.md").symlink_to(target)


def fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def flatplan(root: Path, *slugs: str) -> None:
    edit(root / "issue.yaml", "  - d\n", "".join(f"  - {s}\n" for s in slugs))


def deep_yaml(root: Path) -> None:
    masthead(root, "trim: " + "[" * 5000 + "]" * 5000)


def big_int(root: Path) -> None:
    edit(root / "issue.yaml", "number: 9", "number: " + "9" * 5000)


def theme_value(old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root / "theme.yaml", old, new)


def fonts_as_list(root: Path) -> None:
    text = (root / "theme.yaml").read_text()
    start, end = text.index("fonts:"), text.index("colours:")
    (root / "theme.yaml").write_text(text[:start] + "fonts: [NotoSerif-Regular.ttf]\n\n"
                                     + text[end:])


def too_big(root: Path) -> None:
    with (root / "articles" / "d.md").open("a") as handle:
        handle.write(("Padding words for a very long article. " * 1000 + "\n\n") * 270)


def grey_32_bit(root: Path) -> None:
    picture(root, Image.fromarray((np.ones((40, 60)) * 70000).astype(np.int32)), "i.tif")


CASES = [
    # (name, setup, where, words in the message)
    # -- paths: the trust boundary
    ("slug leaves articles/", lambda r: (secret(r, "secret.md"), flatplan(r, "../outside/secret")),
     "issue.yaml:11", "'../outside/secret' is not a slug"),
    ("slug in a subfolder", lambda r: flatplan(r, "one/x"), "issue.yaml:11", "is not a slug"),
    ("slug in capitals", lambda r: flatplan(r, "Rey"), "issue.yaml:11", "'Rey' is not a slug"),
    ("file name not a slug", lambda r: article(r, "Rey Interview", GOOD),
     "Rey Interview.md:1", "e.g. 'rey-interview.md'"),
    ("article linked outside", lambda r: symlink(r, "d", secret(r, "d.md")), "issue.yaml:11",
     "'articles/d.md' is a symbolic link to a file outside the issue folder"),
    ("article links in a circle", lambda r: symlink(r, "d", r / "articles" / "d.md"),
     "issue.yaml:11", "leads round in a circle"),
    ("article a FIFO", lambda r: fifo(r / "articles" / "d.md"), "issue.yaml:11",
     "'articles/d.md' is a named pipe (FIFO), not a regular file"),
    ("article a folder", lambda r: ((r / "articles" / "d.md").unlink(),
                                    (r / "articles" / "d.md").mkdir()),
     "issue.yaml:11", "is a folder, not a regular file"),
    ("article over 10 MB", too_big, "issue.yaml:11", "over the limit of 10 MB"),
    ("issue.yaml linked outside", lambda r: ((r / "issue.yaml").unlink(),
                                             (r / "issue.yaml").symlink_to(secret(r))),
     "issue.yaml", "symbolic link to a file outside the issue folder"),
    ("theme outside", lambda r: (secret(r), masthead(r, "theme: ../outside/secret.yaml")),
     "issue.yaml:7", "theme '../outside/secret.yaml' is outside the issue folder"),
    ("theme /proc/self/environ", lambda r: masthead(r, "theme: /proc/self/environ"),
     "issue.yaml:7", "theme '/proc/self/environ' is outside the issue folder"),
    ("theme /dev/zero", lambda r: masthead(r, "theme: /dev/zero"), "issue.yaml:7",
     "is outside the issue folder"),
    ("theme a FIFO", lambda r: (fifo(r / "pipe.yaml"), masthead(r, "theme: pipe.yaml")),
     "issue.yaml:7", "theme 'pipe.yaml' is a named pipe (FIFO)"),
    ("theme a folder", lambda r: masthead(r, "theme: articles"), "issue.yaml:7",
     "theme 'articles' is a folder"),
    ("theme a list", lambda r: masthead(r, "theme: [a, b]"), "issue.yaml:7",
     "'theme' must be text"),
    ("font outside", theme_value("regular: NotoSerif-Regular.ttf",
                                 "regular: ../../../../../../../../etc/passwd"),
     "theme.yaml:9", "font file '../../../../../../../../etc/passwd' is outside the issue "
     "folder or the project's fonts/"),
    ("picture a FIFO", lambda r: ((r / "images").mkdir(), fifo(r / "images" / "p.jpg"),
                                  append(r, "::: figure images/p.jpg\nx\n:::\n")),
     "d.md:8", "picture 'images/p.jpg' is a named pipe (FIFO)"),
    # -- bounded work: caps checked before anything is laid out
    ("pages a billion", lambda r: edit(r / "articles" / "a.md", "pages: 1",
                                       "pages: 1000000001"),
     "a.md:4", "pages: 1000000001 is more than an article may have (64)"),
    ("flatplan pages a billion", lambda r: edit(r / "issue.yaml", "  - a\n",
                                                "  - {slug: a, pages: 1000000001}\n"),
     "issue.yaml:8", "is more than an article may have"),
    ("YAML nested 5000 deep", deep_yaml, "issue.yaml:7", "nested more than 40 levels deep"),
    ("a 5000-digit number", big_int, "issue.yaml:4", "more than 30 digits"),
    ("year out of range", lambda r: edit(r / "issue.yaml", "year: 2024", "year: 99999"),
     "issue.yaml:3", "'year: 99999' is out of range"),
    ("huge title", lambda r: edit(r / "articles" / "a.md", '"A good article"',
                                  '"' + "Long title " * 500 + '"'),
     "a.md:3", "'title' is 5499 characters long"),
    ("huge issue line", lambda r: edit(r / "issue.yaml", '"№9 (01-02) 2024"', '"' + "№9 " * 50
                                       + '"'), "issue.yaml:2", "longer than 60 characters"),
    # -- the print: block, each value checked at its line
    ("print a list", lambda r: masthead(r, "print: [1500]"), "issue.yaml:7",
     "'print:' must hold keys and values"),
    ("print run text", lambda r: masthead(r, "print:\n  run: many"), "issue.yaml:8",
     "print.run 'many' is not a number of copies"),
    ("print key misspelt", lambda r: masthead(r, "print:\n  finishng: 2 staples"),
     "issue.yaml:8", "unknown key 'print.finishng' — did you mean 'finishing'?"),
    ("print paper weight", lambda r: masthead(r, "print:\n  text_paper:\n    weight: 2000"),
     "issue.yaml:9", "print.text_paper.weight 2000 is not a paper weight of 35 to 400 g/m²"),
    ("print paper finish", lambda r: masthead(r, "print:\n  text_paper: {finish: glossy}"),
     "issue.yaml:8", "print.text_paper.finish 'glossy' is not one of coated, uncoated"),
    ("print paper thickness", lambda r: masthead(r, "print:\n  text_paper: {thickness: 9mm}"),
     "issue.yaml:8", "print.text_paper.thickness '9mm' is not a paper thickness"),
    ("print cover", lambda r: masthead(r, "print:\n  cover: glued"), "issue.yaml:8",
     "print.cover 'glued' is not one of self, separate"),
    ("print proof", lambda r: masthead(r, "print:\n  proof: yes please"), "issue.yaml:8",
     "print.proof 'yes please' is not one of contract, pdf, none"),
    ("print delivery date", lambda r: masthead(r, "print:\n  delivery:\n    date: soon"),
     "issue.yaml:9", "print.delivery.date 'soon' is not a date"),
    ("print contact key", lambda r: masthead(r, "print:\n  contact: {fax: 123}"),
     "issue.yaml:8", "unknown key 'print.contact.fax'"),
    # -- values that used to be internal errors
    ("issue language xx", lambda r: edit(r / "issue.yaml", "language: en", "language: xx"),
     "issue.yaml:5", "unsupported language 'xx'"),
    ("fonts a list", fonts_as_list, "theme.yaml:7", "'fonts:' must hold keys and values"),
    ("font style unknown", theme_value("bold_italic: NotoSerif-BoldItalic.ttf",
                                       "bold_italic: NotoSerif-BoldItalic.ttf\n    heavy: x.ttf"),
     "theme.yaml:13", "unknown face 'heavy' of 'serif'"),
    ("dropcap.lines 1000", theme_value("  lines: 3", "  lines: 1000"), "theme.yaml:145",
     "dropcap.lines: '1000' is too large: the most is"),
    ("body size 0pt", theme_value("  size: 9.5pt\n  leading: 13pt  ",
                                  "  size: 0pt\n  leading: 13pt  "),
     "theme.yaml:42", "body.size: '0pt' is too small"),
    ("body leading 0pt", theme_value("  leading: 13pt  ", "  leading: 0pt  "),
     "theme.yaml:43", "body.leading: '0pt' is too small"),
    ("margin negative", theme_value("margin_inner: 18mm", "margin_inner: -18mm"),
     "theme.yaml:31", "grid.margin_inner: '-18mm' is too small"),
    ("slashes a list", lambda r: (theme_value('slashes: "//////"', "slashes: [a]")(r),
                                  edit(r / "articles" / "a.md", "pages: 1",
                                       "pages: 1\nsection: NEWS")),
     "theme.yaml:92", "kicker.slashes: ['a'] is not text"),
    ("hyphenation a list", theme_value("dictionaries: {en: en_GB, ru: ru_RU}",
                                       "dictionaries: [en_GB]"),
     "theme.yaml:60", "hyphenation.dictionaries"),
    ("5000-word caption", lambda r: (picture(r, Image.new("RGB", (3000, 2000), "red"), "p.png"),
                                     edit(r / "articles" / "d.md", "A caption.",
                                          "caption words " * 2500)),
     "d.md:8", "the picture with its caption is taller than a column"),
    ("5000-word subhead", lambda r: append(r, "## " + "heading words " * 2500 + "\n\nText.\n"),
     "d.md:8", "the heading (subhead or question) is taller than a column"),
    ("stats taller than a column", lambda r: append(r, "::: stats\n" + "".join(
        f"{k} | figure number {k}\n" for k in range(1, 60)) + ":::\n"),
     "d.md:8", "the stats call-out is taller than a column"),
    ("20000 x 2 picture", lambda r: picture(r, Image.new("RGB", (20000, 2), "red")), "d.md:8",
     "is 20000 × 2 pixels: one side is more than 20 times the other"),
    ("32-bit grey picture", grey_32_bit, "d.md:8", "has grey values beyond 16 bits"),
    ("float picture", lambda r: picture(r, Image.fromarray(np.ones((40, 60), np.float32))),
     "d.md:8", "has 32-bit floating-point pixels"),
    ("CMYK picture with an RGB profile", lambda r: picture_with_wrong_profile(r), "d.md:8",
     "carries a colour profile for RGB in a CMYK picture"),
    ("400-digit figure", lambda r: append(r, "::: stats\n" + "9" * 400 + " | things\n:::\n"),
     "d.md:8", "is longer than 40 characters"),
    ("20-digit figure", lambda r: append(r, "::: stats\n" + "9" * 20 + " | things\n:::\n"),
     "d.md:8", "has more than 15 digits"),
    ("figure path with a space", lambda r: append(r, "::: figure images/my photo.jpg\nx\n:::\n"),
     "d.md:8", "picture 'images/my photo.jpg' not found"),
    ("cover line longer than a page", lambda r: cover_with_lines(r, ["cover words " * 3000]),
     "cover.md:5", "'text' is 35999 characters long"),
    ("-o a folder", "-o folder", "out-folder", "is a folder, not a file to write — give the "
     "file's name too"),
]


def picture_with_wrong_profile(root: Path) -> None:
    from PIL import ImageCms

    (root / "images").mkdir()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("CMYK", (1200, 800), (0, 50, 50, 0)).save(root / "images" / "p.jpg",
                                                        icc_profile=srgb)
    append(root, "::: figure images/p.jpg\nx\n:::\n")


def cover_with_lines(root: Path, lines: list[str]) -> None:
    items = "".join(f'  - {{article: a, text: "{text}"}}\n' for text in lines)
    article(root, "cover", f"---\nkind: cover\npages: 1\ncover_lines:\n{items}---\n")
    (root / "articles" / "d.md").unlink()
    edit(root / "issue.yaml", "  - a\n", "  - cover\n  - a\n")
    edit(root / "issue.yaml", "  - d\n", "")


@pytest.mark.parametrize("name,setup,where,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_an_input_error(tmp_path, name, setup, where, words):
    root = write_minimal_issue(tmp_path / "issue", {k: GOOD for k in "abcd"})
    output = tmp_path / "out.pdf"
    if setup == "-o folder":
        output = tmp_path / where
        output.mkdir()
    else:
        setup(root)
    result = run_cli("build", root, "-o", output)
    message = result.stderr.strip()
    assert result.exit_code == 2, result.output
    assert message.startswith("error: ") and f"{where}: " in message, message
    assert words in message, message
    assert " — " in message  # every error says what to do
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert SECRET not in result.output and "root:" not in result.output  # nothing of outside
    assert not output.is_file()
    assert not list(tmp_path.rglob("*.tmp"))
