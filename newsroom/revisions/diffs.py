"""Two snapshots of one item, compared field by field in words an editor reads."""

import dataclasses
import datetime
import re
from collections import defaultdict
from difflib import SequenceMatcher

from django.db import models
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .registry import WORKFLOW_FIELDS, tracked

EMPTY = "—"
# A word with the spaces after it, so a run of changed words is marked as one.
WORDS = re.compile(r"\S+\s*|\s+")


@dataclasses.dataclass(frozen=True)
class Change:
    name: str
    label: str
    # Text for a field (safe HTML with <del>/<ins> for an edited long text); a tuple of lines
    # for links and child rows.
    before: str | tuple[str, ...]
    after: str | tuple[str, ...]
    # False for the workflow fields, which a restore leaves as they are.
    is_restored: bool

    @property
    def is_list(self):
        return isinstance(self.before, tuple)


def diff(*, model, before, after):
    """What changed from ``before`` to ``after`` (snapshots of one ``model`` item)."""
    spec = tracked(model)
    names = _changed_names(spec, before, after)
    objects = load_references(spec, [before, after], names=names)
    changes = []
    for name in names:
        describe = _describer(spec, name, objects)
        changes.append(
            Change(
                name=name,
                label=_label(spec, name),
                before=describe(before.get(name)),
                after=describe(after.get(name)),
                is_restored=name not in WORKFLOW_FIELDS,
            )
        )
    return [
        _words_marked(spec, _spelled_out(spec, change, before, after, objects))
        for change in changes
    ]


def changed_fields(*, model, before, after):
    """The labels of what changed, without looking anything up (for the history list)."""
    spec = tracked(model)
    return [_label(spec, name) for name in _changed_names(spec, before, after)]


def references(spec, snapshots, *, names=None):
    """Every (model, pk) the snapshots point at: foreign keys, links and child rows' keys."""
    found = defaultdict(set)
    for data in snapshots:
        for field in spec.fields:
            if field.is_relation and (names is None or field.name in names):
                if data.get(field.name) is not None:
                    found[field.related_model].add(data[field.name])
        for field in spec.many_to_many:
            if names is None or field.name in names:
                found[field.related_model].update(data.get(field.name) or ())
        for child in spec.children:
            if names is not None and child.accessor not in names:
                continue
            child_model = spec.child_relation(child).related_model
            for name in child.fields:
                field = child_model._meta.get_field(name)
                if field.is_relation:
                    for row in data.get(child.accessor) or ():
                        if row.get(name) is not None:
                            found[field.related_model].add(row[name])
    return found


def load_references(spec, snapshots, *, names=None):
    """The objects the snapshots point at, one query per related model: {model: {pk: obj}}."""
    return {
        model: model._default_manager.in_bulk(pks)
        for model, pks in references(spec, snapshots, names=names).items()
    }


def describe_missing(model, pk):
    return _("deleted %(name)s #%(pk)s") % {"name": model._meta.verbose_name, "pk": pk}


def _names(spec):
    yield from (field.name for field in spec.fields)
    yield from (field.name for field in spec.many_to_many)
    yield from (child.accessor for child in spec.children)


def _changed_names(spec, before, after):
    before = before or {}
    rows = {child.accessor for child in spec.children}

    def content(data, name):
        # A row's id says which row it is, not what it says: a restore may give it a new one.
        if name in rows:
            return [{k: v for k, v in row.items() if k != "id"} for row in data.get(name) or ()]
        return data.get(name)

    return [name for name in _names(spec) if content(before, name) != content(after, name)]


def _label(spec, name):
    field = spec.model._meta.get_field(name)
    if field.auto_created and not field.concrete:
        return capfirst(field.related_model._meta.verbose_name_plural)
    return capfirst(field.verbose_name)


def _describer(spec, name, objects):
    field = spec.model._meta.get_field(name)
    if field.many_to_many:
        return lambda pks: tuple(sorted(_display(field, pk, objects) for pk in pks or ()))
    if field.one_to_many:
        child = next(child for child in spec.children if child.accessor == name)
        child_opts = field.related_model._meta
        return lambda rows: tuple(
            _row_summary(child_opts, child.summary, row, objects) for row in rows or ()
        )
    return lambda value: _display(field, value, objects)


def _spelled_out(spec, change, before, after, objects):
    """Child rows whose summaries read the same (a reordering, a new link) in full."""
    field = spec.model._meta.get_field(change.name)
    if not (field.one_to_many and change.before == change.after):
        return change
    child = next(child for child in spec.children if child.accessor == change.name)
    child_opts = field.related_model._meta

    def in_full(rows):
        return tuple(
            _row_summary(child_opts, child.fields, row, objects, labelled=True)
            for row in rows or ()
        )

    return dataclasses.replace(
        change,
        before=in_full(before.get(change.name)),
        after=in_full(after.get(change.name)),
    )


def _words_marked(spec, change):
    """A text edited, not replaced: the words taken out and put in are marked on each side."""
    field = spec.model._meta.get_field(change.name)
    if not isinstance(field, models.TextField) or EMPTY in (change.before, change.after):
        return change
    old, new = WORDS.findall(change.before), WORDS.findall(change.after)
    before, after = [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            before.append(escape("".join(old[i1:i2])))
            after.append(escape("".join(new[j1:j2])))
            continue
        if i2 > i1:
            before.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if j2 > j1:
            after.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
    return dataclasses.replace(
        change, before=mark_safe("".join(before)), after=mark_safe("".join(after))
    )


def _row_summary(opts, names, row, objects, *, labelled=False):
    parts = []
    for name in names:
        field = opts.get_field(name)
        text = _display(field, row.get(name), objects)
        if text == EMPTY:
            continue
        if isinstance(field, models.TextField):
            text = f"“{Truncator(text).chars(60)}”"
        if labelled:
            text = f"{field.verbose_name}: {text}"
        parts.append(text)
    return " — ".join(parts) or EMPTY


def _display(field, value, objects):
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        model = field.related_model
        obj = objects.get(model, {}).get(value)
        return describe_missing(model, value) if obj is None else str(obj)
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "yes" if value else "no"
    if isinstance(field, models.FileField):
        return value
    value = field.to_python(value)
    if isinstance(value, datetime.datetime):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


@dataclasses.dataclass(frozen=True)
class Side:
    """One field or row of a merge, as the editor reads each version of it."""

    key: str
    label: str
    base: str | tuple[str, ...]
    mine: str | tuple[str, ...]
    theirs: str | tuple[str, ...]

    @property
    def is_list(self):
        return isinstance(self.base, tuple)


def side_by_side(*, model, base, mine, theirs, conflicts=()):
    """Each field where the three snapshots differ, and each row in ``conflicts``, in words."""
    spec = tracked(model)
    base = base or {}
    names = sorted(
        set(_changed_names(spec, base, mine)) | set(_changed_names(spec, base, theirs)),
        key=list(_names(spec)).index,
    )
    objects = load_references(spec, [base, mine, theirs])
    sides = []
    for name in names:
        describe = _describer(spec, name, objects)
        values = [describe(data.get(name)) for data in (base, mine, theirs)]
        sides.append(Side(name, _label(spec, name), *values))
    for conflict in conflicts:
        if conflict.row is None:
            continue
        child = next(child for child in spec.children if child.accessor == conflict.name)
        opts = spec.model._meta.get_field(conflict.name).related_model._meta

        def row(data, child=child, opts=opts):
            if data is None:
                return _("(removed)")
            return _row_summary(opts, child.fields, data, objects, labelled=True)

        label = f"{capfirst(opts.verbose_name)} #{conflict.row}"
        sides.append(
            Side(conflict.key, label, row(conflict.base), row(conflict.mine), row(conflict.theirs))
        )
    return sides
