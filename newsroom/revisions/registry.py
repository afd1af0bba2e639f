"""Which models keep revisions, and which fields, links and child rows a revision holds.

The apps config registers the models; the rest of the code asks this module, never a model.
"""

from collections.abc import Callable
from dataclasses import dataclass

# Bookkeeping the save path derives or stamps: never part of what an editor wrote.
BOOKKEEPING_FIELDS = frozenset(
    {
        "id",
        "version",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "first_published_at",
        "precision",
        "sorts_at",
    }
)
# Recorded, so the history shows them, but never restored: a restore must not (un)publish, nor
# lift a hold on an event's exact location that keeps people safe (docs/design.md, rule 9).
WORKFLOW_FIELDS = frozenset({"status", "publish_at", "first_published_at", "location_held_until"})


class NotRegistered(LookupError):
    pass


@dataclass(frozen=True)
class ChildRows:
    """Rows that belong to an item (an event's citations), kept whole in each revision."""

    accessor: str
    fields: tuple[str, ...]
    # Fields that name a row in a diff, joined by dashes: "Russian MoD — Claims — “…”".
    summary: tuple[str, ...]


@dataclass(frozen=True)
class Tracked:
    model: type
    fields: tuple  # concrete model fields, in declaration order
    many_to_many: tuple  # M2M fields with an automatic through table
    children: tuple[ChildRows, ...]
    # Rules that span the item and its child rows, run on a restored item before it is saved.
    check: Callable | None = None

    def child_relation(self, child):
        """The reverse relation behind ``child``: its model and the key pointing at the item."""
        return self.model._meta.get_field(child.accessor)


_registry: dict[type, Tracked] = {}


def register(model, *, children=(), check=None):
    opts = model._meta
    _registry[model] = Tracked(
        model=model,
        fields=tuple(
            field
            for field in opts.concrete_fields
            if field.editable and not field.primary_key and field.name not in BOOKKEEPING_FIELDS
        ),
        # An M2M through a model of its own (Article.events) is listed as child rows instead.
        many_to_many=tuple(
            field for field in opts.many_to_many if field.remote_field.through._meta.auto_created
        ),
        children=tuple(children),
        check=check,
    )


def tracked(model):
    try:
        return _registry[model]
    except KeyError:
        raise NotRegistered(f"{model._meta.label} keeps no revisions.") from None


def is_registered(model):
    return model in _registry
