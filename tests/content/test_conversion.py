"""Nothing lost in conversion: the seed text's words are in issue/, in order per paragraph.

The seed is the text extracted from the printed issue (../shared/seed, beside the checkout).
Running heads and the duplicated pull-quote lines are left out; words hyphenated at line ends
are rejoined where the joined word is one the issue uses.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from layout.checks.verify import article_words, words

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "adalazamat-2023-01.txt"

# item -> (first line, last line) in the seed, from ../shared/seed/INVENTORY.md §1
ITEMS = {
    "tokayev": (1, 39), "balayeva": (40, 89), "rey": (91, 127), "nurgaziyeva": (129, 222),
    "main-events": (223, 439), "kazakhstan-today": (440, 566), "driving-force": (567, 622),
    "separate-law": (623, 693), "baigaliyev": (694, 941), "wawiernia": (942, 1225),
    "zhovtis": (1226, 1512), "solovyova": (1513, 1806), "kaliyev": (1807, 2076),
    "turmagambetova": (2077, 2296), "akhmetova": (2297, 2546), "kaltayeva": (2547, 2776),
    "yelchibayeva": (2777, 2980), "makhanbetova": (2981, 3195), "voxpop": (3196, 3504),
}
# running heads and folios (INVENTORY §3.6) and pull-quote duplicates (§3.3)
SKIPPED = [(90, 90), (128, 128), (275, 275), (351, 351), (441, 441), (568, 568), (624, 624),
           (695, 695), (814, 824), (876, 888), (1152, 1158), (2183, 2186), (2406, 2412),
           (2487, 2494), (2542, 2546), (2633, 2640), (2765, 2776), (2921, 2928), (2973, 2980),
           (3091, 3097), (3176, 3195)]

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"seed text not found at {SEED}")


def seed_blocks(first: int, last: int, vocabulary: set[str]) -> list[list[str]]:
    """The seed's blank-line separated blocks in a line range, as word lists."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    blocks, current = [], ""
    for number in range(first, min(last, len(lines)) + 1):
        if any(a <= number <= b for a, b in SKIPPED):
            continue
        line = lines[number - 1].strip()
        if not line:
            if current and not current.endswith("-"):
                blocks.append(current)
                current = ""
            continue
        if re.fullmatch(r"[A-Z]", line):  # a drop cap: the rest of its word is on the next line
            current = (current + " " + line).strip() + "\u0000"
            continue
        current = _join(current, line, vocabulary)
    if current:
        blocks.append(current)
    return [words(b.replace("\u0000 ", "").replace("\u0000", "")) for b in blocks]


def _join(current: str, line: str, vocabulary: set[str]) -> str:
    match = re.search(r"([^\W\d_]+)-$", current)
    if match and line[:1].isalpha():
        head, tail = match.group(1), re.match(r"[^\W_]*", line).group(0)
        if (head + tail).lower() in vocabulary:
            return current[:-1] + line
        return current + line
    if current.endswith("\u0000"):
        return current + line
    return (current + " " + line).strip()


def test_every_seed_word_is_in_the_issue_in_order(issue):
    found = total = 0
    worst = []
    for slug, (first, last) in ITEMS.items():
        target = article_words(issue.article(slug))
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(target)
        for block in seed_blocks(first, last, set(target)):
            matcher.set_seq1(block)
            got = sum(m.size for m in matcher.get_matching_blocks())
            found, total = found + got, total + len(block)
            if got < len(block):
                worst.append((len(block) - got, slug, " ".join(block[:12])))
    share = found / total
    worst.sort(reverse=True)
    assert total > 21000, "the seed text was not read"
    assert share >= 0.995, f"only {share:.2%} of the seed's words found; worst blocks: {worst[:5]}"


def test_the_issue_has_all_nineteen_items(issue):
    slugs = [a.slug for a in issue.articles]
    assert set(ITEMS) <= set(slugs)
    assert slugs[:2] == ["cover", "contents"]
