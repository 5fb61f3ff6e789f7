"""Where a picture goes and how it is cropped: the placement word after '::: figure PATH'
and the `width:`, `height:`, `aspect:` and `focus:` lines that may open the figure's text.

    ::: figure images/yurt.jpg column
    width: 2 columns
    height: 60mm
    focus: 30% 40%
    The caption.
    Photo: Name

Only these keys are read as settings, and only at the head of the figure's text: any other
line is caption (a caption may well start 'Almaty: …'), except a mistyped setting there
('focs: 30% 60%'), which is refused with the setting it is close to.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from layout.content.credits import credit_words, is_credit
from layout.content.model import Figure, Frame
from layout.errors import IssueError, did_you_mean

# placement -> what it is (docs/issue-format.md says the same with examples)
PLACEMENTS = {
    "column": "in the column (the default); `width:` may span more columns",
    "page": "across the type area",
    "bleed": "a page of its own to the bleed edge",
    "spread": "across two facing pages, bleeding off the outer edges",
    "opener": "the article's first page: title, standfirst and byline over the photo",
    "facing": "the page facing the opener (the article starts on a left-hand page)",
    "cover": "the cover, under the masthead and cover lines",
    "inset-left": "in the column, text wrapping round it on its right",
    "inset-right": "in the column, text wrapping round it on its left",
}
FULL_PAGE = ("bleed", "spread", "opener", "facing", "cover")  # no `width:` or `height:`
FIRST_ONLY = ("opener", "facing")  # must open the body
SETTINGS = ("width", "height", "aspect", "focus", "zoom")
_SETTING = re.compile(r"^(width|height|aspect|focus|zoom)\s*:\s*(.*)$", re.IGNORECASE)
_NUMBER = r"(\d+(?:[.,]\d+)?)"
HEIGHT_SHARES = {"half page": 1 / 2, "third page": 1 / 3, "two thirds page": 2 / 3,
                 "quarter page": 1 / 4, "full page": 1.0}


def read_settings(lines: list[tuple[int, str]], placement: str, path
                  ) -> tuple[Frame | None, list[tuple[int, str]]]:
    """The frame the settings at the head of `lines` ((line number, text) pairs) ask for,
    and the lines after them (caption and credit)."""
    found: dict[str, tuple[int, str]] = {}
    while lines and ((match := _SETTING.match(lines[0][1])) or _mistyped(*lines[0], path)):
        key, value = match.group(1).lower(), match.group(2).strip()
        number = lines[0][0]
        if key in found:
            raise IssueError(path, number, f"'{key}:' is given twice in this figure",
                             "keep one")
        found[key] = (number, value)
        lines = lines[1:]
    if not found:
        return None, lines
    sized = [key for key in ("width", "height", "zoom") if key in found]
    if placement in FULL_PAGE and sized:
        raise IssueError(path, found[sized[0]][0], f"a '{placement}' picture has no "
                         f"'{sized[0]}:' (it fills its page)", "remove the line, or place "
                         "the picture 'column' or 'page' to give it a size")
    if "height" in found and "aspect" in found:
        raise IssueError(path, found["aspect"][0], "'height:' and 'aspect:' both set the "
                         "picture's height", "keep one of them")
    span, height_mm, share, aspect, focus = 0, 0.0, 0.0, 0.0, (0.5, 0.5)
    if "width" in found:
        span = _width(*found["width"], path)
        if placement.startswith("inset") and span != 1:
            raise IssueError(path, found["width"][0], "an inset picture is set inside one "
                             "column", "write 'width: 1 column' or leave it out, or place "
                             "it 'column' to span more columns")
    if "height" in found:
        height_mm, share = _height(*found["height"], path)
    if "aspect" in found:
        aspect = _aspect(*found["aspect"], path)
    if "focus" in found:
        focus = _focus(*found["focus"], path)
    zoom = _zoom(*found["zoom"], path) if "zoom" in found else 1.0
    frame = Frame(span, height_mm, share, aspect, focus, zoom,
                  {key: number for key, (number, _) in found.items()})
    return frame, lines


_KEY_LIKE = re.compile(r"^([A-Za-z]{2,8})\s*:\s*(.*)$")
# what only a setting's value looks like: '30% 60%', '60mm', '2 columns', '3:2', 'half page'
_SETTING_VALUE = re.compile(r"\d\s*(%|mm\b|columns?\b)|^\d+(?:[.,]\d+)?\s*[:x×/]\s*\d|"
                            r"^type area$|^(half|third|quarter|full) page$", re.IGNORECASE)


def _mistyped(number: int, text: str, path) -> bool:
    """Refuse a line at the head of a figure that is a mistyped setting ('focs: 30% 60%',
    'atl: …'), which would otherwise print as caption; a caption's 'Almaty: …' passes."""
    match = _KEY_LIKE.match(text)
    if not match:
        return False
    word, value = match.group(1), match.group(2).strip()
    close = difflib.get_close_matches(word.lower(), SETTINGS, n=1, cutoff=0.6)
    if close and not _SETTING_VALUE.search(value):
        close = []  # 'Weight: the heaviest yurt' is caption
    if not close and word.islower() and len(word) <= 4:
        close = difflib.get_close_matches(word, ("alt",), n=1, cutoff=0.6)
    if close:
        raise IssueError(path, number, f"'{word}:' is no figure setting and would print as "
                         f"the caption", f"did you mean '{close[0]}:'? (a figure's settings "
                         "are " + ", ".join(f"'{key}:'" for key in (*SETTINGS, "alt")) + ")")
    return False


def check_placement(word: str, path, line: int) -> str:
    if word not in PLACEMENTS:
        raise IssueError(path, line, f"unknown figure placement '{word}'",
                         did_you_mean(word, tuple(PLACEMENTS)) + " (a path with spaces ends "
                         "in its file name, e.g. 'images/my photo.jpg')")
    return word


def _width(line: int, value: str, path) -> int:
    text = " ".join(value.lower().split())
    if text in ("type area", "page"):
        return -1
    match = re.fullmatch(r"([1-3])\s+columns?", text)
    if not match:
        raise IssueError(path, line, f"width '{value}' is not a width of the grid",
                         "write 'width: 1 column', '2 columns', '3 columns' or 'type area'")
    return int(match.group(1))


def _height(line: int, value: str, path) -> tuple[float, float]:
    text = " ".join(value.lower().replace("of a ", "").replace("of the ", "").split())
    text = text.replace("half a page", "half page").replace("a third", "third")
    if text in HEIGHT_SHARES:
        return 0.0, HEIGHT_SHARES[text]
    match = re.fullmatch(_NUMBER + r"\s*mm", text)
    if not match:
        raise IssueError(path, line, f"height '{value}' is not a height",
                         "write 'height: 60mm', 'half page' or 'third page' (of the type "
                         "area), or give 'aspect: 3:2' instead")
    mm = float(match.group(1).replace(",", "."))
    if not 10 <= mm <= 297:
        raise IssueError(path, line, f"height {mm:g}mm is not a picture's height",
                         "give between 10mm and the page's 297mm")
    return mm, 0.0


def _aspect(line: int, value: str, path) -> float:
    match = re.fullmatch(_NUMBER + r"\s*[:x×/]\s*" + _NUMBER, value.strip().lower())
    if not match:
        raise IssueError(path, line, f"aspect '{value}' is not width:height",
                         "write 'aspect: 3:2' (landscape), '1:1' or '4:5' (upright)")
    width, height = (float(g.replace(",", ".")) for g in match.groups())
    if not width or not height or max(width / height, height / width) > 5:
        raise IssueError(path, line, f"aspect '{value}' is more than 5 times as long as "
                         "it is wide", "give a shape between 5:1 and 1:5")
    return height / width


def _zoom(line: int, value: str, path) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%", value.strip())
    if not match or not 100 <= float(match.group(1)) <= 800:
        raise IssueError(path, line, f"zoom '{value}' is not an enlargement",
                         "write 'zoom: 250%' (100% to 800%): how much of the picture to crop "
                         "round its focus, past filling the box")
    return float(match.group(1)) / 100


def _focus(line: int, value: str, path) -> tuple[float, float]:
    parts = value.replace(",", " ").split()
    numbers = [re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*%?", p) for p in parts]
    if len(parts) != 2 or not all(numbers):
        raise IssueError(path, line, f"focus '{value}' is not two percentages",
                         "write 'focus: 30% 40%': the point to keep in view, from the "
                         "picture's left edge and from its top edge")
    x, y = (float(m.group(1)) for m in numbers)
    for what, number in (("across", x), ("down", y)):
        if not 0 <= number <= 100:
            raise IssueError(path, line, f"focus {number:g}% {what} is outside the picture "
                             "(0–100 %)", "give the point to keep in view between 0% (left "
                             "or top edge) and 100% (right or bottom edge)")
    return x / 100, y / 100


GROUP = (2, 6)  # photos in a group, fewest and most
IMAGE_ENDINGS = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


def read_group(arg: str, lines: list[tuple[int, str]], path, open_line: int,
               credits: tuple[str, ...] | None = None):
    """'::: figure group [column|page]': settings, then one photo a line ('PATH' or 'PATH |
    its caption | Photo: its credit', an `alt:` line under it saying what it shows), then
    the group's caption and credit (a credit starts with one of `credits`)."""
    credits = credit_words() if credits is None else credits
    words = arg.split()
    placement = words[1] if len(words) > 1 else "column"
    if len(words) > 2 or placement not in ("column", "page"):
        raise IssueError(path, open_line, f"a group is placed 'column' or 'page', not "
                         f"'{' '.join(words[1:])}'", "write '::: figure group' or "
                         "'::: figure group page', and the photos one a line inside")
    frame, lines = read_settings(lines, placement, path)
    if frame and (frame.height_mm or frame.height_share):
        raise IssueError(path, frame.lines["height"], "a group's height follows its photos",
                         "give their shape with 'aspect: 3:2' instead")
    members = []
    while lines and lines[0][1].split("|")[0].strip().lower().endswith(IMAGE_ENDINGS):
        number, text = lines.pop(0)
        picture, caption, credit = ([*(part.strip() for part in text.split("|")), "", ""])[:3]
        if is_credit(caption, credits) and not credit:
            caption, credit = "", caption
        alt = ""
        while lines and lines[0][1].lower().startswith("alt:"):
            alt = " ".join(x for x in (alt, lines.pop(0)[1][4:].strip()) if x)
        members.append(Figure(number, Path(picture), caption, credit, "column", alt=alt))
    if not GROUP[0] <= len(members) <= GROUP[1]:
        raise IssueError(path, open_line, f"a group of {len(members)} photo"
                         f"{'' if len(members) == 1 else 's'}", "a group holds 2 to 6 photos, "
                         "one path a line after '::: figure group' (one photo: "
                         "'::: figure PATH')")
    texts = [text for _, text in lines]
    credit = texts.pop() if texts and is_credit(texts[-1], credits) else ""
    span = -1 if placement == "page" else (frame.span if frame else 0)
    group_frame = Frame(span, 0.0, 0.0, frame.aspect if frame else 0.0,
                        frame.focus if frame else (0.5, 0.5), 1.0, frame.lines if frame else {})
    return Figure(open_line, members[0].path, " ".join(texts), credit, "group",
                  frame=group_frame, members=members)
