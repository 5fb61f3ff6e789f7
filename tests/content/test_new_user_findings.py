"""What a new user who read only the docs ran into: each is said at its file and line."""

from __future__ import annotations

from pathlib import Path

from layout.content import load_issue
from tests.conftest import write_minimal_issue


def feature(body: str) -> str:
    return f"---\nkind: feature\ntitle: \"Pictures\"\npages: 2\n---\nText.\n\n{body}\n"


def warnings_of(tmp_path, body: str) -> tuple[list[str], object]:
    root = write_minimal_issue(tmp_path / "issue", {"pics": feature(body)})
    warnings: list[str] = []
    load_issue(root, warnings)
    return warnings, root / "articles" / "pics.md"


def test_a_figure_without_a_credit_line_is_said_at_its_line(tmp_path):
    warnings, path = warnings_of(tmp_path, "::: figure images/yurt.jpg\nA yurt.\n:::\n\n"
                                 "::: figure images/steppe.jpg\nThe steppe.\n"
                                 "Photo taken by A. Bekova in 1998.\n:::\n\n"
                                 "::: figure images/lake.jpg\nA lake.\nPhoto: A. Bekova\n:::")
    assert warnings == [
        f"{path}:8: no credit line: picture 'yurt.jpg' prints without a credit — add "
        "'Photo: NAME' as the figure's last line",
        f"{path}:12: no credit line: picture 'steppe.jpg' prints without a credit — add "
        "'Photo: NAME' as the figure's last line ('Photo taken by A. Bekova in 1998.' is read "
        "as caption: a credit starts 'Photo:', or is at most six words ending no sentence)",
    ]  # lake.jpg is credited


def test_a_group_photo_is_credited_by_its_own_line_or_the_groups(tmp_path):
    group = ("::: figure group\nimages/a.jpg | A.\nimages/b.jpg | B. | Photo: X\n"
             "Two photos.\n{credit}:::")
    warnings, path = warnings_of(tmp_path, group.format(credit="Photos: Y\n"))
    assert warnings == []
    warnings, path = warnings_of(tmp_path / "2", group.format(credit=""))
    assert warnings == [f"{path}:9: no credit line: picture 'a.jpg' prints without a credit — "
                        "add 'Photo: NAME' as the figure's last line"]


def test_a_mistyped_figure_setting_is_an_error_at_its_line_not_caption(tmp_path):
    import pytest

    from layout.errors import IssueError

    for k, (typed, meant) in enumerate([("focs: 30% 60%", "focus"), ("widht: 2 columns", "width"),
                                        ("Heigth: 60mm", "height"), ("aspcet: 3:2", "aspect"),
                                        ("zom: 250%", "zoom"), ("atl: A yurt", "alt")]):
        root = write_minimal_issue(tmp_path / str(k), {"pics": feature(
            f"::: figure images/yurt.jpg\nalt: A yurt\n{typed}\nA yurt.\nPhoto: X\n:::")})
        with pytest.raises(IssueError) as error:
            load_issue(root)
        assert error.value.line == 10, typed
        assert f"did you mean '{meant}:'?" in error.value.hint, typed
    # captions that look like settings but are not: they print
    for k, caption in enumerate(["Almaty: the square at dawn.",
                                 "Weight: the heaviest yurt.", "Art: a mural."]):
        root = write_minimal_issue(tmp_path / f"ok{k}", {"pics": feature(
            f"::: figure images/yurt.jpg\n{caption}\nPhoto: X\n:::")})
        figure = load_issue(root).articles[0].blocks[-1]
        assert figure.caption == caption


def test_a_resolution_just_under_the_limit_is_never_shown_as_the_limit(tmp_path):
    from layout.compose.figures import Placement
    from layout.compose.issue import check_resolution
    from layout.compose.pages import ComposedArticle

    root = write_minimal_issue(tmp_path / "issue", {"pics": feature("Text.")})
    article = load_issue(root).articles[0]
    placements = [Placement(8, "a.jpg", 299.96), Placement(9, "b.jpg", 201.7),
                  Placement(10, "c.jpg", 300.0)]
    warnings: list[str] = []
    check_resolution(article, ComposedArticle("pics", 5, b"", 1, placements), warnings)
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "picture 'a.jpg' prints at 299.9 ppi (under 300) — a larger original would print "
        "sharper",
        "picture 'b.jpg' prints at 201 ppi (under 300) — a larger original would print sharper",
    ]


def test_a_missing_picture_names_the_closest_file_in_its_folder(tmp_path):
    import pytest

    from layout.content.images import resolve_picture
    from layout.errors import IssueError

    root = write_minimal_issue(tmp_path / "issue", {"pics": feature("Text.")})
    (root / "images").mkdir()
    for name in ("opener.jpg", "market.jpg"):
        (root / "images" / name).write_bytes(b"x")
    article = root / "articles" / "pics.md"
    with pytest.raises(IssueError) as error:
        resolve_picture(root, Path("images/openr.jpg"), article, 11)
    assert str(error.value).startswith(f"{article}:11: picture 'images/openr.jpg' not found — "
                                       "did you mean 'images/opener.jpg'? Else put the file in")
    with pytest.raises(IssueError) as error:
        resolve_picture(root, Path("images/zebra.jpg"), article, 11)
    assert "did you mean" not in str(error.value)


def yaml_error(tmp_path, front: str):
    import pytest

    from layout.errors import IssueError

    text = f"---\nkind: feature\ntitle: \"T\"\npages: 1\n{front}\n---\nText.\n"
    root = write_minimal_issue(tmp_path, {"a": text})
    with pytest.raises(IssueError) as error:
        load_issue(root)
    return error.value


def test_a_key_mis_indented_inside_a_nested_mapping_is_told_to_line_up_with_its_sibling(tmp_path):
    for k, role in enumerate([" role: Editor", "   role: Editor"]):
        error = yaml_error(tmp_path / str(k), f"byline:\n  name: A. Bekova\n{role}")
        assert error.line == 7
        assert error.hint.startswith("indent 'role:' by 2 spaces, like 'name:' inside "
                                     "'byline:'"), error.hint
    error = yaml_error(tmp_path / "top", "standfirst: \"A.\"\n  columns: 2")
    assert error.hint == "start 'columns:' at the left edge, like the other keys"


def test_an_unclosed_container_is_named_with_the_line_it_opened_on(tmp_path):
    import pytest

    from layout.errors import IssueError

    body = ("::: sidebar What PM2.5 means\nFine dust.\n\nMore text.\n\n"
            "::: pullquote\nA quote.\n:::\n\nText after.")
    root = write_minimal_issue(tmp_path, {"pics": feature(body)})
    with pytest.raises(IssueError) as error:
        load_issue(root)
    assert error.value.line == 13
    assert error.value.message == "'::: pullquote' inside the '::: sidebar' opened on line 8"
    assert error.value.hint.startswith("close the sidebar with a line ':::' after its text, "
                                       "before line 13")


def test_a_portrait_without_a_credit_is_said_at_its_line(tmp_path):
    text = ("---\nkind: letter\ntitle: \"T\"\npages: 1\nportrait: images/p.jpg\n"
            "portrait_alt: A woman\n---\nText.\n")
    root = write_minimal_issue(tmp_path, {"a": text})
    warnings: list[str] = []
    load_issue(root, warnings)
    assert warnings == [f"{root / 'articles' / 'a.md'}:5: no credit line: the portrait prints "
                        "without a credit — add credit: \"Photo: NAME\" to 'portrait:'"]
