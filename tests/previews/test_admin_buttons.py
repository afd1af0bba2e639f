"""The change form's Preview and Share buttons lead to working preview addresses."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_change_form_buttons_open_the_preview_and_its_links(client, editor, item):
    client.force_login(editor)
    opts = item._meta
    change_form = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    )
    assert change_form.status_code == 200
    for name in ["previews:item", "previews:links"]:
        address = reverse(name, args=[opts.label_lower, item.pk])
        assert f'href="{address}"' in change_form.content.decode()
        assert client.get(address).status_code == 200
