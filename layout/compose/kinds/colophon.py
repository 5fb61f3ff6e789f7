"""Colophon: the imprint a magazine must print, and the ISSN barcode when the issue has one.

Publisher, editorial board, address and contacts, print run, printer and registration, each
under its label in small type; any text of the article follows them; with `issn:` in
issue.yaml, the EAN-13 of the ISSN with the issue's 2-digit add-on stands at the foot.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from layout.compose import opener
from layout.compose.barcode import draw_issn_barcode
from layout.compose.elements import body_flowables
from layout.compose.flowables import Boxed
from layout.kinds.colophon import ENTRIES


class IssnBarcode(Flowable):
    """'ISSN …' over the EAN-13 and its 2-digit issue add-on, in black only."""

    def __init__(self, kit):
        super().__init__()
        theme = kit.theme
        self.issn, self.number = kit.issn, kit.issue_number
        self.module, self.bar_height = theme.pt("barcode.module"), theme.pt("barcode.height")
        self.font, self.size = theme.font("barcode.font"), theme.pt("barcode.size")
        self.spaceBefore = theme.pt("barcode.space")

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, self.bar_height + self.size * 3
        return self.width, self.height

    def draw(self):
        draw_issn_barcode(self.canv, 0, 0, self.issn, self.number, self.module,
                          self.bar_height, self.font, self.size)


def story(kit, grid, page):
    article = kit.article
    entries = []
    for key, label in ENTRIES:
        value = article.extra.get(key)
        if not value:
            continue
        lines = value if isinstance(value, list) else [value]
        parts = [kit.para(label.upper(), "colophon-label"),
                 *(kit.para(line, "colophon") for line in lines)]
        entries.append(Boxed(parts, padding=0, space_before=parts[0].getSpaceBefore(),
                             space_after=parts[-1].getSpaceAfter(),  # one block: never split
                             source=(article.path, None, f"imprint entry '{key}'")))
    body = body_flowables(kit, article.blocks, dropcap_first=False)
    out = [opener.title(kit, short=True), Spacer(1, kit.theme.pt("colophon.space")),
           *opener.in_columns(kit, entries + body, article.columns, grid)]
    if kit.issn:
        out.append(IssnBarcode(kit))
    return out
