"""ISSN numbers: their check character, and whether one is valid."""

from __future__ import annotations


def issn_check(seven: str) -> str:
    """The ISSN check character of its first seven digits.

    >>> issn_check("0317847"), issn_check("0378595")
    ('1', '5')
    """
    total = sum(int(d) * w for d, w in zip(seven, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def valid_issn(issn: str) -> bool:
    """'0317-8471' (with or without the hyphen) is a valid ISSN.

    >>> valid_issn("0317-8471"), valid_issn("0317-8472"), valid_issn("03178471")
    (True, False, True)
    """
    digits = issn.replace("-", "").upper()
    return (len(digits) == 8 and digits[:7].isdigit() and digits[7] in "0123456789X"
            and issn_check(digits[:7]) == digits[7])
