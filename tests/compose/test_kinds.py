"""The registry of kinds: each kind is one module; a kind from a test module builds."""

from __future__ import annotations

import pdfplumber

from layout.kinds import COMMON_KEYS, kinds, register
from tests.compose import review_kind
from tests.conftest import run_cli, write_minimal_issue


def test_the_magazine_kinds_are_the_modules_of_compose_kinds():
    assert set(kinds()) >= {"cover", "contents", "letter", "news", "feature", "interview",
                            "profile", "voxpop", "column"}
    for kind in kinds().values():
        assert kind.template.startswith("---\nkind: ") and f"kind: {kind.name}\n" in kind.template
        assert set(COMMON_KEYS) <= set(kind.allowed())


def test_a_kind_added_in_one_module_builds_and_prints_its_own_key(tmp_path):
    register(review_kind.KIND)
    try:
        text = ('---\nkind: review\ntitle: "A patient history of the steppe"\n'
                'book: "Aigerim Bekova, Steppe Notes (Almaty: Dala Press, 2024)"\npages: 1\n'
                "---\n" + "The book is a careful record of a changing land. " * 40 + "\n")
        others = {f"n{k}": "---\nkind: feature\ntitle: \"Other\"\npages: 1\n---\nText.\n"
                  for k in range(3)}
        root = write_minimal_issue(tmp_path / "issue", {"review": text, **others})
        result = run_cli("build", root, "-o", tmp_path / "out.pdf")
        assert result.exit_code == 0, result.output
        with pdfplumber.open(tmp_path / "out.pdf") as pdf:
            page = " ".join(pdf.pages[0].extract_text().split())
        assert "A patient history of the steppe" in page
        assert "Aigerim Bekova, Steppe Notes (Almaty: Dala Press, 2024)" in page
        new = run_cli("new", "--article", "essay", "--kind", "review", root)
        assert new.exit_code == 0, new.output
        assert "book: \"Author, Title" in (root / "articles" / "essay.md").read_text()
    finally:
        kinds().pop("review")


def test_an_unknown_kind_and_another_kinds_keys_are_named_together(tmp_path):
    text = ('---\nkind: featrue\ntitle: "x"\npages: 1\n---\nText.\n',
            '---\nkind: feature\ntitle: "x"\nsalutation: "Dear readers!"\nspeakr: A\n'
            'pages: 0\n---\nText.\n')
    root = write_minimal_issue(tmp_path / "issue", {"a": text[0], "b": text[1]},
                               flatplan=["b", "a"])
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.split("\n") if line.startswith("error:")]
    path = root / "articles" / "b.md"
    assert errors[0] == (f"error: {path}:4: a feature has no 'salutation' (it would not be "
                         "printed) — 'salutation' is for: letter; remove it, or change the kind")
    assert errors[1].startswith(f"error: {path}:5: unknown front-matter key 'speakr'")
    assert errors[2].startswith(f"error: {path}:6: pages must be at least 1")
