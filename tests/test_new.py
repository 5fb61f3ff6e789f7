"""`layout new`: a new issue that builds as it is, and articles added to its flatplan."""

from __future__ import annotations

import pdfplumber
import pytest

from layout.checks.verify import verify
from layout.content import load_issue
from layout.content.markdown import CONTAINERS
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def new_issue(tmp_path_factory):
    root = tmp_path_factory.mktemp("new") / "issue-2"
    result = run_cli("new", root, "--year", "2024", "--number", "2")
    assert result.exit_code == 0, result.output
    return root, result


def test_a_new_issue_has_every_kind_and_container_and_builds(new_issue, tmp_path):
    root, result = new_issue
    assert result.stdout.startswith(f"wrote 13 files in {root}/:")
    assert result.stdout.rstrip().endswith(f"next: layout proof {root}   (or: make proof "
                                           f"ISSUE={root})")
    issue = load_issue(root)
    assert issue.issue_line == "№2 2024" and issue.file_stem == "adalazamat-2024-02"
    kinds = {a.kind for a in issue.articles}
    assert kinds == {"cover", "contents", "letter", "news", "feature", "interview", "profile",
                     "voxpop", "column", "colophon"}
    text = "\n".join(a.path.read_text() for a in issue.articles)
    assert all(f"::: {name}" in text for name in CONTAINERS)
    output = tmp_path / "new.pdf"
    build = run_cli("build", root, "-o", output)
    assert build.exit_code == 0, build.output
    assert build.stderr == ""  # not even a warning: the sample picture is sharp enough
    assert not [r for r in verify(output, issue) if r.missing]
    with pdfplumber.open(output) as pdf:
        assert len(pdf.pages) == 12
        assert "In this issue" in pdf.pages[1].extract_text()
        assert any(page.images for page in pdf.pages)


def test_an_article_is_added_to_the_flatplan(new_issue, tmp_path):
    import shutil

    root = tmp_path / "issue"
    shutil.copytree(new_issue[0], root)
    result = run_cli("new", "--article", "civil-forum", "--kind", "interview", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {root}/articles/civil-forum.md and added "
                                    f"'civil-forum' to the flatplan ({root}/issue.yaml:24)")
    issue = load_issue(root)
    assert [a.slug for a in issue.articles][-2:] == ["imprint", "civil-forum"]
    assert issue.article("civil-forum").kind == "interview"
    assert "  - civil-forum" in (root / "issue.yaml").read_text().splitlines()
    assert "warning: the issue now has 13 pages (12 before, 'civil-forum' 1 page): not a " \
        "multiple of 4" in result.stderr  # said now, not first by the build
    proof = run_cli("proof", root, "-o", tmp_path / "proof.pdf", "--no-preview")
    assert proof.exit_code == 1  # 13 pages now: the proof says what the build will refuse
    assert "the flatplan makes 13 pages, not a multiple of 4" in proof.stdout
    assert "civil-forum (p. 13): underset" in proof.stdout


def test_adding_an_article_says_when_the_page_count_will_not_bind(new_issue, tmp_path):
    import shutil

    root = tmp_path / "issue"
    shutil.copytree(new_issue[0], root)
    result = run_cli("new", "--article", "forum", "--kind", "feature", root)
    assert result.exit_code == 0, result.output
    assert "the issue now has 14 pages (12 before, 'forum' 2 pages): not a multiple of 4, " \
        "so saddle stitch cannot bind it and the build will refuse it — add 2 pages or cut " \
        "2 pages" in result.stderr
    assert f"layout plan {root}" in result.stderr
    second = run_cli("new", "--article", "forum-2", "--kind", "feature", root)
    assert second.exit_code == 0 and "warning" not in second.stderr  # 16 pages: it binds
    assert sum(a.pages for a in load_issue(root).articles) == 16


@pytest.mark.parametrize("args,words", [
    (["--article", "feature", "--kind", "feature"], "article 'feature' exists already"),
    (["--article", "x", "--kind", "featrue"], "unknown kind 'featrue' — did you mean 'feature'?"),
    (["--article", "x", "--kind", "cover"], "cannot add another cover"),
    (["--article", "Civil Forum"], "'Civil Forum' is not a slug"),
    ([], "the folder is not empty"),
])
def test_new_refuses_what_it_cannot_do(new_issue, args, words):
    result = run_cli("new", *args, new_issue[0])
    assert result.exit_code == 2 and words in result.stderr and " — " in result.stderr
    if "kind" in words:  # a wrong --kind is blamed on the option, not on issue.yaml
        assert "'--kind'" in result.stderr and "issue.yaml" not in result.stderr


def test_the_news_opener_shows_the_issues_year(new_issue, tmp_path):
    import shutil

    assert 'display: "2024"' in (new_issue[0] / "articles" / "news.md").read_text()
    root = tmp_path / "issue"
    shutil.copytree(new_issue[0], root)
    (root / "issue.yaml").write_text((root / "issue.yaml").read_text()
                                     .replace("2024", "2031"))  # issue line and year
    assert run_cli("new", "--article", "more-news", "--kind", "news", root).exit_code == 0
    assert 'display: "2031"' in (root / "articles" / "more-news.md").read_text()


def test_output_names_the_issues_pdf(new_issue):
    folder = new_issue[0].parent / "build" / "adalazamat-2024-02"  # beside the issue folder
    assert run_cli("output", new_issue[0]).stdout == f"{folder}/adalazamat-2024-02.pdf\n"
    assert run_cli("output", new_issue[0], "--proof").stdout == \
        f"{folder}/adalazamat-2024-02-proof.pdf\n"
