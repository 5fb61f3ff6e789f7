"""Credit lines: the last line of a figure that says whose picture it is ('Photo: NASA').

A credit starts with a word and a colon in any of the magazine's languages (a Kazakh
article may print a Reuters picture as 'Photo: Reuters') or with '©'; issue.yaml's
`credit_words:` adds others ('Foto:', 'Drawing:'). Editors also type it without the colon
('Фото А. Бекова', 'Photo by Reuters'): a short line (at most `BARE_WORDS` words) that starts
with the word and does not end a sentence is a credit too. It is set apart from the caption,
in the credit's face, and is never run into the caption nor lost.
"""

from __future__ import annotations

from collections.abc import Iterable

CREDIT_WORDS = {
    "en": ("Photo:", "Photos:", "Photograph:", "Picture:", "Image:", "Illustration:",
           "Drawing:"),
    "ru": ("Фото:", "Фотография:", "Снимок:", "Иллюстрация:", "Рисунок:", "Коллаж:"),
    "kk": ("Сурет:", "Фото:", "Фотосурет:", "Суретші:", "Иллюстрация:"),
}
COPYRIGHT = "©"
MAX_WORD = 30  # characters of a credit word from issue.yaml
BARE_WORDS = 6  # words of a credit typed without its colon ('Фото А. Бекова')


def credit_words(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Every word that starts a credit line: the languages' own, then issue.yaml's."""
    words = [w for language in CREDIT_WORDS.values() for w in language] + list(extra)
    return tuple(dict.fromkeys(words))


def is_credit(line: str, words: Iterable[str]) -> bool:
    """The line is a credit: it starts with a credit word (any case) or '©'.

    A line that starts with the word without its colon is one when it is short and ends no
    sentence: a name, an agency, 'by …', 'из архива …'.

    >>> [is_credit(x, credit_words()) for x in ("Photo: NASA", "Сурет: Ә. Әлиев",
    ...  "фото: ТАСС", "© Reuters", "Photographers met at dawn.", "Фото А. Бекова",
    ...  "Photo by Reuters", "Фото из архива семьи", "Photo taken in 1998.", "Photo")]
    [True, True, True, True, False, True, True, True, False, False]
    """
    text = line.strip()
    if text.startswith(COPYRIGHT):
        return True
    folded = text.casefold()
    if any(folded.startswith(word.casefold()) for word in words):
        return True
    first, _, rest = folded.partition(" ")
    bare = {word.casefold().rstrip(":") for word in words}
    return (first in bare and bool(rest.strip()) and len(text.split()) <= BARE_WORDS
            and not text.endswith((".", "!", "?", "…")))

