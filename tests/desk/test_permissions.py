"""Who may do what on the desk, through the admin's own endpoints, forged POSTs included.

Every cell posts as that role (anonymous is a client with no login) with data taken from the
form an editor sees, then checks the database: an allowed step happened, a refused one did not.
"""

import pytest
from django.test import Client

from newsroom.articles.models import Article
from newsroom.moderation.models import Submission
from newsroom.publishing import PublicationStatus as Status
from newsroom.revisions.services import record_revision
from tests.desk.forms import admin_form_data
from tests.factories import PAST, event_values, make_citation, make_source, make_user
from timeline.models import Event

pytestmark = pytest.mark.django_db

ROLES = ["reporter", "editor", "moderator", "anonymous"]
# The matrix the note reports: True where the role may take the step.
ALLOWED = {
    "create": {"reporter", "editor"},
    "edit": {"reporter", "editor"},
    "send to review": {"reporter", "editor"},
    "publish": {"editor"},
    "unpublish": {"editor"},
    "archive": {"editor"},
    "delete": {"editor"},
    "moderate": {"moderator"},
}

NEW = {
    Event: {
        "title": "Talks postponed",
        "slug": "new-item",
        "summary": "Postponed.",
        "kind": "diplomatic",
        "start": "2024",
        "verification": "reported",
    },
    Article: {"headline": "Talks postponed", "slug": "new-item", "standfirst": "Postponed."},
}


def admin_url(model, view, item=None):
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    return f"{base}add/" if item is None else f"{base}{item.pk}/{view}/"


def make_item(model, **kwargs):
    if model is Event:
        item = Event.objects.create(**event_values(slug="item", **kwargs))
        make_citation(item, make_source())  # so that it may be published
    else:
        item = Article.objects.create(
            headline="Bridge destroyed", slug="item", standfirst="A bridge is down.", **kwargs
        )
    record_revision(item=item, user=None, comment="Created")
    return item


@pytest.fixture
def desk():
    """An editor's session, for reading the forms that each role then posts."""
    client = Client()
    client.force_login(make_user("desk-editor", group="editor"))
    return client


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def as_role(role):
    client = Client()
    if role != "anonymous":
        client.force_login(make_user(f"the-{role}", group=role))
    return client


def refused(response):
    """403 for a signed-in user; the login page for anyone else."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith("/admin/login/")
    )


def check(step, role, response, happened):
    if role in ALLOWED[step]:
        assert happened, f"{role} should be able to {step} ({response.status_code})"
        assert response.status_code == 302
    else:
        assert not happened, f"{role} must not be able to {step}"
        assert refused(response), response.status_code


@pytest.fixture(params=[Event, Article], ids=["event", "article"])
def model(request):
    return request.param


def step_on_form(desk, as_role, model, item, transition="", **changes):
    url = admin_url(model, "change", item)
    data = admin_form_data(desk.get(url), **changes)
    if transition:
        data["_transition"] = transition
    return as_role.post(url, data)


def test_create(desk, as_role, role, model):
    response = as_role.post(
        admin_url(model, "add"), admin_form_data(desk.get(admin_url(model, "add")), **NEW[model])
    )
    check("create", role, response, model.objects.filter(slug="new-item").exists())


def test_edit(desk, as_role, role, model):
    item = make_item(model, status=Status.DRAFT)
    field = "title" if model is Event else "headline"
    response = step_on_form(desk, as_role, model, item, **{field: "Edited"})
    check("edit", role, response, model.objects.filter(**{field: "Edited"}).exists())


def test_send_to_review(desk, as_role, role, model):
    item = make_item(model, status=Status.DRAFT)
    response = step_on_form(desk, as_role, model, item, transition="submit")
    item.refresh_from_db()
    check("send to review", role, response, item.status == Status.IN_REVIEW)


def test_publish(desk, as_role, role, model):
    item = make_item(model, status=Status.IN_REVIEW)
    response = step_on_form(desk, as_role, model, item, transition="publish")
    item.refresh_from_db()
    check("publish", role, response, item.status == Status.PUBLISHED)


def test_publish_by_bulk_action(desk, as_role, role, model):
    item = make_item(model, status=Status.IN_REVIEW)
    response = as_role.post(
        admin_url(model, "changelist").replace("add/", ""),
        {
            "action": "publish_selected",
            "_selected_action": [item.pk],
            f"version-{item.pk}": item.version,
        },
    )
    item.refresh_from_db()
    check("publish", role, response, item.status == Status.PUBLISHED)


def confirm_step(as_role, model, item, step):
    """Confirm a step on its own page, as the page an editor sees would post it."""
    return as_role.post(
        admin_url(model, step, item), {"post": "yes", f"version-{item.pk}": item.version}
    )


def test_unpublish(as_role, role, model):
    item = make_item(model, status=Status.PUBLISHED, publish_at=PAST)
    response = confirm_step(as_role, model, item, "unpublish")
    item.refresh_from_db()
    check("unpublish", role, response, item.status == Status.DRAFT)


def test_archive(as_role, role, model):
    item = make_item(model, status=Status.PUBLISHED, publish_at=PAST)
    response = confirm_step(as_role, model, item, "archive")
    item.refresh_from_db()
    check("archive", role, response, item.status == Status.ARCHIVED)


def test_delete(desk, as_role, role, model):
    item = make_item(model, status=Status.DRAFT)
    response = as_role.post(admin_url(model, "delete", item), {"post": "yes"})
    check("delete", role, response, not model.objects.filter(pk=item.pk).exists())


def test_moderate(as_role, role):
    submission = Submission.objects.create(kind="new_development", text="Shelling in Sudzha")
    response = as_role.post(
        "/admin/moderation/submission/",
        {"action": "mark_as_spam", "_selected_action": [submission.pk]},
    )
    submission.refresh_from_db()
    check("moderate", role, response, submission.status == Submission.Status.SPAM)


def test_an_unknown_step_is_a_bad_request(desk, model):
    item = make_item(model, status=Status.DRAFT)
    response = step_on_form(desk, desk, model, item, transition="teleport")
    assert response.status_code == 400
