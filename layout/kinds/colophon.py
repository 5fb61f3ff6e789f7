"""The colophon: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/colophon.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

ENTRIES = (  # front-matter key, the label printed over it
    ("publisher", "Publisher"), ("editors", "Editorial board"), ("address", "Address"),
    ("contacts", "Contacts"), ("print_run", "Print run"), ("printer", "Printed by"),
    ("registration", "Registration"),
)

TEMPLATE = """\
---
kind: colophon
title: "Imprint"
publisher: "Name of the publisher"
editors:
  - "Editor-in-chief: Name Surname"
  - "Editor: Name Surname"
address: "Street 1, City, Postcode"
contacts:
  - "+7 000 000 00 00"
  - "editor@example.org"
print_run: "1,000 copies"
printer: "Name of the printing house, its address"
registration: "Registered by …, certificate № … of …"
pages: 1
columns: 2
---
"""

KIND = Kind(
    name="colophon",
    summary="the imprint: publisher, editorial board, address and contacts, print run, "
            "printer, registration; the ISSN barcode when issue.yaml gives `issn:`",
    story="layout.compose.kinds.colophon:story",
    keys=("title", "section", "columns"),
    required=(),
    defaults={"columns": 2, "dropcap": False, "pages": 1, "title": "Imprint"},
    extra_keys={key: "colophon" for key, _ in ENTRIES},
    template=TEMPLATE,
    needs_body=False,
    one_per_issue=True,
)
