"""Three-way merge of two snapshots that started from one (docs/design.md, rule 5).

Pure functions on snapshots (``services.snapshot``): no database, no request. A field only one
side changed takes that side's value; a field both changed to different values is a conflict
the editor decides. Links (many-to-many) merge as sets, child rows by their id.
"""

import dataclasses

MINE, THEIRS = "mine", "theirs"


@dataclasses.dataclass(frozen=True)
class Conflict:
    """Both sides changed one field, or one child row (``row`` is its id), differently."""

    name: str
    base: object
    mine: object
    theirs: object
    row: int | None = None

    @property
    def key(self):
        """The name of the editor's choice in a form: "title", "citations-12"."""
        return self.name if self.row is None else f"{self.name}-{self.row}"


@dataclasses.dataclass(frozen=True)
class Merge:
    # The merged snapshot, each conflict still holding the colleague's value.
    data: dict
    conflicts: tuple[Conflict, ...]
    # Names of fields and row lists where one side's change was taken without asking.
    taken: dict[str, str]


def merge(*, base, mine, theirs, links=(), rows=()):
    """Merge ``mine`` and ``theirs``, both edits of ``base`` (None when unknown: then every
    difference is a conflict). ``links`` names the set-valued fields, ``rows`` the child-row
    lists (each row a dict with an "id", None for a row not saved yet)."""
    data, conflicts, taken = {}, [], {}
    for name in mine.keys() | theirs.keys():
        if name in links:
            data[name] = _merge_links(base, mine, theirs, name)
        elif name in rows:
            data[name], row_conflicts = _merge_rows(base, mine, theirs, name)
            conflicts += row_conflicts
        else:
            data[name], conflict = _merge_value(base, mine, theirs, name)
            if conflict:
                conflicts.append(conflict)
                continue
        side = _side(base, mine, theirs, name)
        if side and name not in {c.name for c in conflicts}:
            taken[name] = side
    return Merge(data=data, conflicts=tuple(conflicts), taken=taken)


def resolve(*, merged, choices):
    """The merged snapshot with each conflict settled by ``choices`` ({key: MINE or THEIRS};
    a conflict left out keeps the colleague's value). Raises KeyError for an unknown key."""
    unknown = set(choices) - {conflict.key for conflict in merged.conflicts}
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    data = dict(merged.data)
    for conflict in merged.conflicts:
        if choices.get(conflict.key) != MINE:
            continue
        if conflict.row is None:
            data[conflict.name] = conflict.mine
        else:
            data[conflict.name] = _replace_row(data[conflict.name], conflict)
    return data


def _value(data, name):
    return None if data is None else data.get(name)


def _side(base, mine, theirs, name):
    """Which side alone changed ``name``, if exactly one did."""
    if base is None:
        return None
    ours, others = _value(mine, name) != base.get(name), _value(theirs, name) != base.get(name)
    if ours and not others:
        return MINE
    if others and not ours:
        return THEIRS
    return None


def _merge_value(base, mine, theirs, name):
    ours, others = _value(mine, name), _value(theirs, name)
    if ours == others:
        return ours, None
    if base is not None and ours == base.get(name):
        return others, None
    if base is not None and others == base.get(name):
        return ours, None
    return others, Conflict(name=name, base=_value(base, name), mine=ours, theirs=others)


def _merge_links(base, mine, theirs, name):
    ours, others = set(_value(mine, name) or ()), set(_value(theirs, name) or ())
    if base is None:
        return sorted(ours | others)
    start = set(base.get(name) or ())
    # Kept by both, or added by either; a link one side removed stays removed.
    return sorted((start & ours & others) | (ours - start) | (others - start))


def _rows_by_id(data, name):
    return {row["id"]: row for row in _value(data, name) or () if row.get("id") is not None}


def _content(row):
    return None if row is None else {key: value for key, value in row.items() if key != "id"}


def _merge_rows(base, mine, theirs, name):
    start = _identified(base, name, [mine, theirs])
    ours, others = _rows_by_id(mine, name), _rows_by_id(theirs, name)
    merged, conflicts = [], []
    # The colleague's rows in their order, then this editor's rows they lack.
    order = list(others) + [pk for pk in ours if pk not in others]
    order += [pk for pk in start if pk not in ours and pk not in others]
    for pk in order:
        row, conflict = _merge_row(start.get(pk), ours.get(pk), others.get(pk), name, pk)
        if conflict:
            conflicts.append(conflict)
        if row is not None:
            merged.append(row)
    # Rows this editor added and never saved carry no id yet: always kept.
    merged += [row for row in _value(mine, name) or () if row.get("id") is None]
    return merged, conflicts


def _merge_row(start, ours, others, name, pk):
    if start is None:  # added by one side (or both, as the same row)
        return ours or others, None
    if _content(ours) == _content(others):
        return ours, None
    if _content(ours) == _content(start):
        return others, None
    if _content(others) == _content(start):
        return ours, None
    # Both changed it, or one changed what the other removed: the editor says which stands.
    return others, Conflict(name=name, base=start, mine=ours, theirs=others, row=pk)


def _identified(base, name, sides):
    """The base rows by id. Rows recorded before revisions kept ids take the id of a row on
    either side that reads exactly the same."""
    found = {}
    candidates = [row for side in sides for row in _value(side, name) or () if row.get("id")]
    for row in _value(base, name) or ():
        pk = row.get("id")
        if pk is None:
            pk = next((c["id"] for c in candidates if _content(c) == _content(row)), None)
        if pk is not None:
            found[pk] = {**row, "id": pk}
    return found


def _replace_row(rows, conflict):
    without = [row for row in rows if row.get("id") != conflict.row]
    if conflict.mine is None:  # this editor removed it
        return without
    position = next((i for i, row in enumerate(rows) if row.get("id") == conflict.row), None)
    if position is None:
        return [*without, conflict.mine]
    return [*without[:position], conflict.mine, *without[position:]]
