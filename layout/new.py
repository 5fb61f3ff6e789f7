"""`layout new`: a new issue folder that builds as it is, or a new article in one.

A new issue has the masthead, a flatplan of 12 pages, the house theme, a cover, the
contents, the imprint and one article of every other kind, which between them use every
container; its texts say how each element is written. A new article gets its kind's
template and a line at the end of the flatplan, and is told when that leaves the issue a
page count saddle stitch cannot bind.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from string import Template

import yaml

from layout.content import read_masthead
from layout.content.issue_file import check_slug
from layout.errors import IssueError, did_you_mean
from layout.kinds import kinds

TEMPLATES = Path(__file__).resolve().parent / "templates"
HOUSE_THEME = Path(__file__).resolve().parents[1] / "issue" / "theme.yaml"
STARTER = {"welcome": "letter", "news": "news", "feature": "feature", "interview": "interview",
           "profile": "profile", "voxpop": "voxpop", "column": "column", "imprint": "colophon"}


def new_issue(folder: Path, year: int | None = None, number: int = 1,
              magazine: str = "ADALAZAMAT") -> list[Path]:
    """Write a new issue folder; returns the files written. Refuses a folder in use."""
    if folder.exists() and any(folder.iterdir()):
        raise IssueError(folder, None, "the folder is not empty",
                         "give a new folder: layout new ISSUE_DIR")
    year = year or date.today().year
    values = {"magazine": magazine, "issue_line": f"№{number} {year}", "year": year,
              "number": number}
    written = [_write(folder / "issue.yaml", _fill("issue.yaml", values))]
    written.append(folder / "theme.yaml")
    shutil.copyfile(HOUSE_THEME, written[-1])
    for name in ("cover", "contents"):
        written.append(_write(folder / "articles" / f"{name}.md", kinds()[name].template))
    for slug, kind in STARTER.items():
        text = article_text(kind, slug, year) if not kinds()[kind].one_per_issue else \
            kinds()[kind].template
        written.append(_write(folder / "articles" / f"{slug}.md", text))
    written.append(sample_picture(folder / "images" / "sample.jpg"))
    return written


def new_article(folder: Path, slug: str, kind: str) -> tuple[Path, int]:
    """Write articles/SLUG.md from the kind's template and add SLUG to the end of the
    flatplan; returns the file and the flatplan line it was put on."""
    plan = folder / "issue.yaml"
    if not plan.is_file():
        raise IssueError(plan, None, "issue.yaml not found",
                         "give an issue folder, or start one with: layout new ISSUE_DIR")
    problem = kind_problem(kind)
    if problem:
        raise IssueError(plan, None, *problem)
    check_slug(slug, plan, None)
    path = folder / "articles" / f"{slug}.md"
    if path.exists():
        raise IssueError(path, None, f"article '{slug}' exists already", "choose another slug")
    text = plan.read_text(encoding="utf-8")
    line, indent = _flatplan_end(text, plan, slug)
    lines = text.split("\n")
    lines.insert(line, f"{indent}{slug}")
    _write(path, article_text(kind, slug, _year(folder)))
    plan.write_text("\n".join(lines), encoding="utf-8")
    return path, line + 1


def page_count_note(folder: Path, slug: str) -> str | None:
    """What the issue's page count is with the article `slug` added, when saddle stitch
    cannot bind it (not a multiple of 4) and what to do; None when it can, or when the
    issue cannot be read as it is (its build will say why)."""
    from layout.content import load_issue

    try:
        issue = load_issue(folder)
    except IssueError:
        return None
    total = sum(a.pages for a in issue.articles)
    added = sum(a.pages for a in issue.articles if a.slug == slug)
    if total % 4 == 0:
        return None
    return (f"the issue now has {total} pages ({total - added} before, "
            f"'{slug}' {count(added, 'page')}): not a multiple of 4, so saddle stitch cannot "
            f"bind it and the build will refuse it — add {count(4 - total % 4, 'page')} or "
            f"cut {count(total % 4, 'page')}: set 'pages:' in the articles' front matter or "
            f"in the flatplan ('layout plan {folder}' proposes allotments that make a "
            "multiple of 4)")


def count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def kind_problem(kind: str) -> tuple[str, str] | None:
    """Why an article of `kind` cannot be added (message, hint), or None."""
    addable = [name for name, k in kinds().items() if not k.one_per_issue]
    if kind in kinds() and kind not in addable:
        return (f"cannot add another {kind}", f"an issue has one {kind}, made by 'layout new'; "
                "use one of: " + ", ".join(addable))
    if kind not in addable:
        return f"unknown kind '{kind}'", did_you_mean(kind, addable)
    return None


def article_text(kind: str, slug: str, year: int) -> str:
    """The template of a kind, titled after the slug (`year`: the issue's)."""
    title = slug.replace("-", " ").capitalize()
    return Template(kinds()[kind].template).substitute(
        title=f"{title}: the title of the article", year=year)


def _year(folder: Path) -> int:
    """The issue's year as the build reads it, or this year if issue.yaml does not say."""
    try:
        return read_masthead(folder).year
    except IssueError:
        return date.today().year


def _flatplan_end(text: str, plan: Path, slug: str) -> tuple[int, str]:
    """The line (1-based) where the flatplan's last entry ends, and the '  - ' before it."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        raise IssueError(plan, None, "issue.yaml cannot be read",
                         "run 'layout proof' on the issue to see what is wrong") from None
    entries = None
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if key.value == "flatplan":
            entries = value
    if not isinstance(entries, yaml.SequenceNode) or entries.flow_style or not entries.value:
        raise IssueError(plan, None, "no flatplan list to add to",
                         "write the flatplan one '- slug' per line")
    if any(getattr(item, "value", None) == slug for item in entries.value):
        raise IssueError(plan, None, f"'{slug}' is in the flatplan already",
                         "choose another slug")
    last = entries.value[-1]
    start, end = last.start_mark, last.end_mark
    indent = text.split("\n")[start.line][: start.column]
    if not indent.strip().startswith("-"):
        indent = "  - "
    return (end.line if end.column == 0 else end.line + 1), indent


def sample_picture(path: Path) -> Path:
    """A placeholder photograph (a soft gradient, labelled) large enough for a column."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    width, height = 2200, 1466  # over 300 ppi across the type area
    y, x = np.mgrid[0:height, 0:width]
    sky = np.stack([150 + 60 * y / height, 180 + 40 * y / height, 220 - 30 * x / width], -1)
    image = Image.fromarray(np.clip(sky, 0, 255).astype("uint8"), "RGB")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(HOUSE_THEME.parents[1] / "fonts" / "NotoSans-Bold.ttf"), 64)
    draw.text((width / 2, height / 2), "SAMPLE PICTURE", fill=(255, 255, 255), font=font,
              anchor="mm")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=90, dpi=(300, 300))
    return path


def _fill(template: str, values: dict) -> str:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
