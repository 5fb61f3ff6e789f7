"""A kind of article that is not the magazine's: a book review, declared in this one module.

The test that adds it registers KIND; nothing else in the project names it.
"""

from layout.compose import opener
from layout.compose.elements import body_flowables
from layout.kinds import Kind


def story(kit, grid, page):
    """The title, the reviewed book's line under it (its own key, `book:`), the text."""
    article = kit.article
    head = [opener.title(kit, short=True), kit.para(article.extra["book"], "byline")]
    body = body_flowables(kit, article.blocks, dropcap_first=article.dropcap)
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(kit, body, article.columns, grid)]


KIND = Kind(
    name="review",
    summary="a book review: the book's author, title and publisher under the headline",
    story=story,
    keys=("title", "section", "byline", "columns", "dropcap"),
    defaults={"columns": 1, "dropcap": True},
    extra_keys={"book": "byline"},
    template='---\nkind: review\ntitle: "$title"\nbook: "Author, Title (Publisher, 2024)"\n'
             "pages: 1\n---\n\nThe review.\n",
)
