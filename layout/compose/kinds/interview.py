"""Interview and profile: the speaker's name over a quoted title; questions set apart."""

from layout.compose import opener
from layout.compose.elements import body_flowables


def story(kit, grid, page):
    article = kit.article
    head = [*opener.speaker(kit), opener.title(kit), *opener.standfirst(kit, grid, page),
            *opener.byline(kit)]
    body = [*opener.portrait(kit),
            *body_flowables(kit, article.blocks, dropcap_first=article.dropcap)]
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(kit, body, article.columns, grid)]
