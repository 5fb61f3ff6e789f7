"""How each kind of article is set: its `story` (kit, grid, first page) -> flowables.

What a kind's front matter may say is declared in layout/kinds/, which names the story
here; this package is loaded only when an article is composed."""
