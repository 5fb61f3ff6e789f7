"""Feature: title, standfirst and byline in the opener; drop cap; 2 or 3 justified columns."""

from layout.compose import opener
from layout.compose.elements import body_flowables


def story(kit, grid, page):
    article = kit.article
    short = article.pages == 1
    head = [opener.title(kit, short), *opener.standfirst(kit, grid, page), *opener.byline(kit)]
    body = body_flowables(kit, article.blocks, dropcap_first=article.dropcap)
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(kit, body, article.columns, grid)]
