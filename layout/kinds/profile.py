"""A profile: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/interview.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

TEMPLATE = """\
---
kind: profile
section: "PROFILE"
speaker: Name Surname
title: "$title"
standfirst: "A profile of a person: who they are and what they do."
pages: 1
columns: 2
---

A profile is set like an interview without questions: the name label above the title, a
drop cap on the first paragraph. Replace this text with the profile.

A portrait can be added in the front matter: `portrait: images/NAME.jpg`, with
`portrait_alt:` saying what it shows (read out in the screen edition).
"""

KIND = Kind(
    name="profile",
    summary="a portrait of a person: set like an interview without questions",
    story="layout.compose.kinds.interview:story",
    keys=("title", "section", "speaker", "standfirst", "byline", "portrait", "columns",
          "dropcap", "picture_space"),
    defaults={"columns": 2, "dropcap": True},
    template=TEMPLATE,
)
