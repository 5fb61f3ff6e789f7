"""Credit lines: the last line of a figure that says whose picture it is ('Photo: NASA').

A credit starts with a word and a colon in any of the magazine's languages (a Kazakh
article may print a Reuters picture as 'Photo: Reuters') or with '©'; issue.yaml's
`credit_words:` adds others ('Foto:', 'Drawing:'). It is set apart from the caption, in the
credit's face, and is never run into the caption nor lost.
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


def credit_words(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Every word that starts a credit line: the languages' own, then issue.yaml's."""
    words = [w for language in CREDIT_WORDS.values() for w in language] + list(extra)
    return tuple(dict.fromkeys(words))


def is_credit(line: str, words: Iterable[str]) -> bool:
    """The line is a credit: it starts with a credit word (any case) or '©'.

    >>> [is_credit(x, credit_words()) for x in ("Photo: NASA", "Сурет: Ә. Әлиев",
    ...  "фото: ТАСС", "© Reuters", "Photographers met at dawn.")]
    [True, True, True, True, False]
    """
    text = line.strip()
    if text.startswith(COPYRIGHT):
        return True
    folded = text.casefold()
    return any(folded.startswith(word.casefold()) for word in words)
