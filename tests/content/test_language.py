"""An article without `language:` whose text is in another script is set by its own rules."""

from __future__ import annotations

from layout.content import load_issue
from tests.conftest import write_minimal_issue

RUSSIAN = "Гражданское общество развивается, и организации участвуют в обсуждении законов."
KAZAKH = "Азаматтық қоғам мемлекеттің дамуына үлес қосады, үкіметтік емес ұйымдар қатысады."


def article(body: str, language: str = "") -> str:
    extra = f"language: {language}\n" if language else ""
    return f"---\nkind: feature\ntitle: \"T\"\npages: 1\n{extra}---\n{body}\n"


def test_a_cyrillic_article_in_an_english_issue_is_inferred_and_said(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {"r": article(RUSSIAN), "k": article(KAZAKH),
                                                    "e": article("Civil society grows.")})
    warnings: list[str] = []
    issue = load_issue(root, warnings)
    assert [a.language for a in issue.articles] == ["ru", "kk", "en"]
    assert len(warnings) == 2
    assert "r.md: no 'language:' and the text reads as Russian" in warnings[0]
    assert "write 'language: kk'" in warnings[1]


def test_a_stated_language_is_never_second_guessed(tmp_path):
    root = write_minimal_issue(tmp_path / "issue", {"r": article(RUSSIAN, "kk")})
    warnings: list[str] = []
    assert load_issue(root, warnings).articles[0].language == "kk"
    assert warnings == []
