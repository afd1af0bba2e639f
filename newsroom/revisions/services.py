"""Revisions of articles and events: record one per save, compare them, restore one.

Keyword-only functions, called by the admin's save path and by the revision pages alike.
"""

import dataclasses
import datetime
import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.db.models.fields.files import FieldFile
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

# One exception for every refused save, whether an edit, a workflow step or a restore.
from newsroom.publishing import StaleVersion, update_if_unchanged

from .diffs import Change, changed_fields, diff, load_references
from .models import Revision
from .registry import WORKFLOW_FIELDS, tracked

__all__ = [
    "Change",
    "StaleVersion",
    "changed_fields",
    "diff",
    "missing_references",
    "record_revision",
    "apply_snapshot",
    "record_revisions",
    "restore_revision",
    "revision_at",
    "save_content",
    "snapshot",
]


def snapshot(item, *, links=None, rows=None):
    """The item as its editors wrote it: fields, links and child rows, as plain JSON values.

    ``links`` ({name: pks}) and ``rows`` ({accessor: [(id, unsaved row)]}) stand in for what
    the database holds: the admin passes what a form would save.
    """
    spec = tracked(item._meta.concrete_model)
    links, rows = links or {}, rows or {}
    data = {field.name: _json_value(field, item) for field in spec.fields}
    for field in spec.many_to_many:
        pks = links.get(field.name)
        if pks is None:
            # Through .all(), so that links prefetched for many items at once are read, not queried.
            pks = [linked.pk for linked in getattr(item, field.name).all()]
        data[field.name] = sorted(pks)
    for child in spec.children:
        child_opts = spec.child_relation(child).related_model._meta
        given = rows.get(child.accessor)
        if given is None:
            given = [(row.pk, row) for row in getattr(item, child.accessor).all()]
        # Each row carries its id, so that a merge can tell one row from another.
        data[child.accessor] = [
            {"id": pk}
            | {name: _json_value(child_opts.get_field(name), row) for name in child.fields}
            for pk, row in given
        ]
    # Dates, times and decimals become the strings JSON can hold, exactly as they will be stored.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def record_revision(*, item, user, comment=""):
    """Keep the item as it is after a save, at its current version (once per version)."""
    revision, _created = Revision.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        version=item.version,
        defaults={"data": snapshot(item), "comment": comment, "created_by": user},
    )
    return revision


def record_revisions(*, items, user, comment="", stored=None):
    """Keep many new items of one model as record_revision() would, in a fixed number of
    queries however many there are: their links and child rows read together, the revisions
    written in one statement. For items with no revision yet at their version (a bulk import).

    ``stored``, one ``(links, rows)`` per item as snapshot() takes them, is what the caller has
    just saved of their links and rows: given, nothing is read back.
    """
    items = list(items)
    if not items:
        return []
    if stored is None:
        spec = tracked(type(items[0])._meta.concrete_model)
        lookups = [field.name for field in spec.many_to_many]
        prefetch_related_objects(items, *lookups, *(child.accessor for child in spec.children))
        stored = [(None, None)] * len(items)
    content_type = ContentType.objects.get_for_model(items[0])
    return Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            object_id=item.pk,
            version=item.version,
            data=snapshot(item, links=links, rows=rows),
            comment=comment,
            created_by=user,
        )
        for item, (links, rows) in zip(items, stored, strict=True)
    )


def revision_at(*, item, version):
    return Revision.objects.for_item(item).filter(version=version).first()


def missing_references(*, revision):
    """What the revision points at that no longer exists; a restore skips these."""
    spec = tracked(revision.content_type.model_class())
    return _resolve(spec, revision.data).skipped


def restore_revision(*, revision, user, expected_version):
    """Make the item read as the revision does, as a new revision; publishing is left alone.

    Raises StaleVersion, changing nothing, unless the item is still at ``expected_version``;
    raises ValidationError, changing nothing, if the old content no longer fits (a slug taken
    since by another item, a confirmed event left citing only one party).
    """
    item = revision.content_type.get_object_for_this_type(pk=revision.object_id)
    return save_content(
        item=item,
        data=revision.data,
        user=user,
        expected_version=expected_version,
        comment=f"Restored revision {revision.version}",
    )


def save_content(*, item, data, user, expected_version, comment):
    """Write the snapshot ``data`` to ``item`` as its next version, with a revision saying
    ``comment`` (and what was skipped); publishing is left alone. A restore, a merge and a
    published pending change all save this way.

    Raises StaleVersion, changing nothing, unless the item is still at ``expected_version``;
    raises ValidationError, changing nothing, if the content does not fit the item's rules.
    """
    with transaction.atomic():
        # The conditional update checks the version, and holds the row until commit. Had anyone
        # saved since ``item`` was read, the version would have moved and this would raise.
        update_if_unchanged(item, seen_version=expected_version, updated_by=user)
        item.refresh_from_db()
        skipped = apply_snapshot(item=item, data=data, user=user)
        if skipped:
            comment += "; skipped: " + "; ".join(skipped)
        record_revision(item=item, user=user, comment=Truncator(comment).chars(200))
    return item


def apply_snapshot(*, item, data, user):
    """Make ``item`` read as ``data`` says, leaving its version and publishing alone; returns
    what was skipped because it no longer exists. Call inside a transaction: a ValidationError
    (the content no longer fits) leaves rows written."""
    spec = tracked(item._meta.concrete_model)
    resolved = _resolve(spec, data)
    for field, value in resolved.fields.items():
        if isinstance(field, models.FileField) and _json_value(field, item) == value:
            continue  # assigning an image reads its size from storage: only when it changed
        setattr(item, field.attname, value)
    for field, pks in resolved.many_to_many.items():
        getattr(item, field.name).set(pks)
    for child, rows in resolved.children.items():
        _write_rows(spec, item, child, rows)
    item.updated_by = user
    item.full_clean()
    if spec.check:
        spec.check(item)
    item.save()
    return resolved.skipped


def _write_rows(spec, item, child, rows):
    """Child rows keep their ids: a row still there is updated, a row gone is made again under
    its old id when that id is free (a form showing it then still finds it)."""
    relation = spec.child_relation(child)
    manager = relation.related_model._default_manager
    current = {row.pk: row for row in getattr(item, child.accessor).all()}
    wanted = [row.get("id") for row in rows]
    getattr(item, child.accessor).exclude(pk__in=[pk for pk in wanted if pk]).delete()
    taken = set(
        manager.filter(pk__in=[pk for pk in wanted if pk and pk not in current]).values_list(
            "pk", flat=True
        )
    )
    for values in rows:
        values = dict(values)
        pk = values.pop("id", None)
        if pk in current:
            row = current[pk]
            if any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                row.save()
        else:
            free = pk if pk not in taken else None
            manager.create(pk=free, **{relation.field.name: item}, **values)


def _json_value(field, obj):
    if field.is_relation:
        return getattr(obj, field.attname)
    value = field.value_from_object(obj)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        # A form gives times in the newsroom's zone, the database in UTC: store one spelling.
        return value.astimezone(datetime.UTC)
    return value


def _python_value(field, value):
    if field.is_relation or isinstance(field, models.FileField) or value is None:
        return value
    return field.to_python(value)


@dataclasses.dataclass
class _Resolved:
    """A snapshot turned back into model values, minus what no longer exists."""

    fields: dict = dataclasses.field(default_factory=dict)
    many_to_many: dict = dataclasses.field(default_factory=dict)
    children: dict = dataclasses.field(default_factory=dict)
    skipped: list = dataclasses.field(default_factory=list)


def _gone(model, pk):
    return _("%(name)s #%(pk)s (deleted)") % {"name": model._meta.verbose_name, "pk": pk}


def _resolve(spec, data):
    objects = load_references(spec, [data])
    resolved = _Resolved()

    def exists(field, pk):
        return pk is None or pk in objects.get(field.related_model, {})

    for field in spec.fields:
        if field.name in WORKFLOW_FIELDS or field.name not in data:
            continue
        value = data[field.name]
        if field.is_relation and not exists(field, value):
            resolved.skipped.append(_gone(field.related_model, value))
            if not field.null:
                continue
            value = None
        if isinstance(field, models.FileField) and value and not field.storage.exists(value):
            resolved.skipped.append(
                _("the %(field)s file %(file)s (missing)")
                % {"field": field.verbose_name, "file": value}
            )
            continue
        resolved.fields[field] = _python_value(field, value)
    for field in spec.many_to_many:
        pks = data.get(field.name) or []
        resolved.skipped += [_gone(field.related_model, pk) for pk in pks if not exists(field, pk)]
        resolved.many_to_many[field] = [pk for pk in pks if exists(field, pk)]
    for child in spec.children:
        if child.accessor not in data:
            continue
        child_opts = spec.child_relation(child).related_model._meta
        rows = []
        for row in data[child.accessor]:
            values = {}
            for name in child.fields:
                field = child_opts.get_field(name)
                value = row.get(name)
                if field.is_relation and not exists(field, value):
                    gone = _gone(field.related_model, value)
                    if not field.null:
                        resolved.skipped.append(
                            _("a %(row)s of %(gone)s")
                            % {"row": child_opts.verbose_name, "gone": gone}
                        )
                        break
                    resolved.skipped.append(gone)
                    value = None
                values[field.attname] = _python_value(field, value)
            else:
                rows.append({"id": row.get("id"), **values})
        resolved.children[child] = rows
    return resolved
