"""News briefs: several untitled briefs to a page in three columns, each with a drop cap."""

from layout.compose import opener
from layout.compose.elements import body_flowables


def story(kit, grid, page):
    article = kit.article
    head = [opener.title(kit), *opener.standfirst(kit, grid, page)]
    body = body_flowables(kit, article.blocks, dropcap_first=article.dropcap)
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(body, article.columns, grid)]
