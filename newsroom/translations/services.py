"""What happens to translations: marked outdated when their original changes, marked ready by
a translator, and compared with the original they were made from."""

import difflib
import functools
import operator

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape

from .models import Translation
from .registry import original_values, translated_fields

# How many originals one outdating query names at most: a bulk import may change thousands.
BATCH = 500


def mark_outdated(originals):
    """Mark outdated every translation of these saved originals (all of one model) that was
    made from other text than they now hold: one query per batch, none if nothing is
    translated. Called on every save of an original and by bulk imports, which send no signal."""
    originals = [original for original in originals if original.pk is not None]
    if not originals:
        return 0
    fields = translated_fields(originals[0])
    content_type = ContentType.objects.get_for_model(originals[0])
    marked = 0
    for start in range(0, len(originals), BATCH):
        changed = [
            Q(object_id=original.pk)
            & functools.reduce(
                operator.or_,
                (~Q(**{f"made_from__{name}": getattr(original, name)}) for name in fields),
            )
            for original in originals[start : start + BATCH]
        ]
        marked += (
            Translation.objects.filter(content_type=content_type, outdated=False)
            .filter(made_from__has_key=fields[0])
            .filter(functools.reduce(operator.or_, changed))
            .update(outdated=True)
        )
    return marked


@transaction.atomic
def mark_ready(*, translation, user=None):
    """The translator's word that the translation matches the original as it stands now."""
    translation.made_from = original_values(translation.original)
    translation.ready = True
    translation.outdated = False
    translation.updated_by = user
    translation.save()
    return translation


def changes_since_made(translation):
    """[(field, HTML diff)] of each field whose original changed since the translation was made
    from it: the old and the new text line by line, escaped, with what changed marked."""
    now = original_values(translation.original)
    changes = []
    for name, text in now.items():
        before = translation.made_from.get(name, "")
        if before != text:
            changes.append((name, html_diff(before, text)))
    return changes


def html_diff(before, after):
    """Words removed in <del>, added in <ins>, the rest as it was; every piece escaped."""
    old, new = before.split(" "), after.split(" ")
    pieces = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(escape(" ".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
        if j2 > j1:
            pieces.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
    return " ".join(pieces)
