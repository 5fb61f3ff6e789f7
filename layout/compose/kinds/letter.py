"""Letter: a short title, the name plate, a large salutation; signature ragged right."""

from layout.compose import opener
from layout.compose.elements import body_flowables


def story(kit, grid, page):
    article = kit.article
    head = [opener.title(kit, short=True), *opener.byline(kit)]
    body = [*opener.portrait(kit),
            *body_flowables(kit, article.blocks, dropcap_first=article.dropcap)]
    if article.salutation:
        body.insert(0, kit.para(article.salutation, "salutation"))
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(kit, body, article.columns, grid)]
