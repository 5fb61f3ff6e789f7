"""Vox pop: respondent cards (name, age, role), each followed by the answer."""

from layout.compose import opener
from layout.compose.elements import body_flowables


def story(kit, grid, page):
    article = kit.article
    head = [opener.title(kit), *opener.standfirst(kit, grid, page)]
    body = body_flowables(kit, article.blocks, dropcap_first=False)
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(kit, body, article.columns, grid)]
