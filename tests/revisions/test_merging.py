"""The three-way merge of two edits of one item (docs/design.md, rule 5): pure, no database."""

import pytest

from newsroom.revisions.merging import MINE, THEIRS, merge, resolve

BASE = {"title": "Incursion begins", "summary": "Troops cross.", "storylines": [1, 2]}


def edit(data=BASE, **changes):
    return {**data, **changes}


def test_fields_only_one_side_changed_keep_that_sides_value():
    merged = merge(
        base=BASE, mine=edit(title="Mine"), theirs=edit(summary="Theirs"), links={"storylines"}
    )
    assert merged.conflicts == ()
    assert merged.data == edit(title="Mine", summary="Theirs")
    assert merged.taken == {"title": MINE, "summary": THEIRS}


def test_both_changing_one_field_differently_is_a_choice_that_defaults_to_theirs():
    merged = merge(base=BASE, mine=edit(title="Mine"), theirs=edit(title="Theirs"))
    [conflict] = merged.conflicts
    assert (conflict.key, conflict.base, conflict.mine, conflict.theirs) == (
        "title",
        "Incursion begins",
        "Mine",
        "Theirs",
    )
    assert merged.data["title"] == "Theirs"
    assert resolve(merged=merged, choices={"title": MINE})["title"] == "Mine"
    assert resolve(merged=merged, choices={"title": THEIRS})["title"] == "Theirs"


def test_both_making_the_same_change_is_no_conflict():
    merged = merge(base=BASE, mine=edit(title="Same"), theirs=edit(title="Same"))
    assert (merged.conflicts, merged.data["title"]) == ((), "Same")


def test_without_a_base_every_difference_is_a_choice():
    merged = merge(base=None, mine=edit(title="Mine"), theirs=BASE)
    assert [conflict.key for conflict in merged.conflicts] == ["title"]


def test_links_merge_as_sets():
    merged = merge(
        base=BASE,
        mine=edit(storylines=[1, 2, 3]),  # added 3
        theirs=edit(storylines=[2]),  # removed 1
        links={"storylines"},
    )
    assert merged.data["storylines"] == [2, 3]
    assert merged.conflicts == ()


def row(pk, quote, position=0):
    return {"id": pk, "source": 7, "quote": quote, "position": position}


ROWS = {"citations": [row(1, "a"), row(2, "b", 1), row(3, "c", 2)]}


def test_rows_added_by_either_side_are_kept_and_edits_by_one_side_taken():
    merged = merge(
        base=ROWS,
        mine={"citations": [row(1, "a edited"), row(2, "b", 1), row(3, "c", 2), row(None, "new")]},
        theirs={"citations": [row(1, "a"), row(2, "b", 1), row(3, "c", 2), row(9, "theirs")]},
        rows={"citations"},
    )
    assert merged.conflicts == ()
    assert [r["quote"] for r in merged.data["citations"]] == ["a edited", "b", "c", "theirs", "new"]


def test_a_row_removed_by_one_side_and_untouched_by_the_other_is_removed():
    merged = merge(
        base=ROWS,
        mine={"citations": [row(1, "a"), row(3, "c", 2)]},
        theirs={"citations": [row(1, "a"), row(2, "b", 1)]},
        rows={"citations"},
    )
    assert [r["id"] for r in merged.data["citations"]] == [1]


def test_a_row_both_edited_or_one_removed_and_the_other_edited_is_a_choice():
    merged = merge(
        base=ROWS,
        mine={"citations": [row(1, "a mine"), row(3, "c", 2)]},
        theirs={"citations": [row(1, "a theirs"), row(2, "b edited", 1), row(3, "c", 2)]},
        rows={"citations"},
    )
    assert [c.key for c in merged.conflicts] == ["citations-1", "citations-2"]
    assert [r["quote"] for r in merged.data["citations"]] == ["a theirs", "b edited", "c"]
    mine = resolve(merged=merged, choices={"citations-1": MINE, "citations-2": MINE})
    assert [r["quote"] for r in mine["citations"]] == ["a mine", "c"]


def test_rows_recorded_before_ids_were_kept_are_matched_by_content():
    base = {"citations": [{k: v for k, v in r.items() if k != "id"} for r in ROWS["citations"]]}
    merged = merge(
        base=base,
        mine={"citations": [row(1, "a"), row(2, "b", 1)]},  # removed c
        theirs=ROWS,
        rows={"citations"},
    )
    assert [r["id"] for r in merged.data["citations"]] == [1, 2]


def test_an_unknown_choice_is_refused():
    merged = merge(base=BASE, mine=edit(title="Mine"), theirs=edit(title="Theirs"))
    with pytest.raises(KeyError):
        resolve(merged=merged, choices={"summary": MINE})
