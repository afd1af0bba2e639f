"""Submit an admin change form the way a browser would: what the page showed, plus edits."""

import datetime

from django import forms


def _encode(name, field, value):
    widget = field.widget
    if isinstance(widget, forms.MultiWidget):
        if value is None:
            parts = [None] * len(widget.widgets)
        else:  # a bound form holds the parts already
            parts = value if isinstance(value, list) else widget.decompress(value)
        return {
            f"{name}_{i}": _encode(name, forms.Field(), part)[name] for i, part in enumerate(parts)
        }
    if isinstance(field, forms.BooleanField):
        return {name: "on"} if value else {}
    if isinstance(field, forms.FileField):
        return {}
    if isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
        return {name: [str(getattr(item, "pk", item)) for item in value or ()]}
    if value is None:
        return {name: ""}
    if isinstance(value, datetime.datetime):
        return {name: value.strftime("%Y-%m-%d %H:%M:%S")}
    if isinstance(value, (datetime.date, datetime.time)):
        return {name: value.isoformat()}
    return {name: str(getattr(value, "pk", value))}


def _form_values(form):
    data = {}
    for name, field in form.fields.items():
        data.update(_encode(form.add_prefix(name), field, form[name].value()))
    return data


def admin_form_data(response, **changes):
    """The POST data of the admin change form in ``response``, with ``changes`` applied."""
    context = response.context
    data = _form_values(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_values(formset.management_form))
        for form in formset.forms:
            data.update(_form_values(form))
    data.update(changes)
    return data


def add_inline_rows(data, prefix, rows):
    """Append new rows to the inline formset ``prefix`` (e.g. "citations")."""
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{start + offset}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(start + len(rows))
    return data
