from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin.helpers import AdminForm
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import services
from .forms import PreviewLinkForm
from .models import PreviewLink, unsign_link_id
from .previewable import get_previewable_or_404, previewable_for_content_type

staff_login_required = login_required(login_url="admin:login")


def answers_with(headers):
    """Set ``headers`` on every answer of the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            for name, value in headers.items():
                response[name] = value
            return response

        return wrapped

    return decorator


# Every answer here stays out of shared caches and search engines.
private = answers_with({"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"})

# A page read as a preview names its address in no request it makes: a shared link is a secret,
# not to be passed on to the sites its citations link to, nor to logs. Only for pages that post
# no form, because under this policy a browser sends "Origin: null", which the CSRF check
# refuses. The staff pages that make and revoke links keep the site's policy (same-origin),
# which names them to no other site either.
no_referrer = answers_with({"Referrer-Policy": "no-referrer"})


@private
@no_referrer
@require_safe
@staff_login_required
def item_preview(request, label, pk):
    """The public page of one item, whatever its status, for staff with rights to the item."""
    previewable = get_previewable_or_404(label)
    item = get_object_or_404(previewable.model, pk=pk)
    if not previewable.can_preview(request.user, item):
        raise PermissionDenied
    return previewable.page_view()(request, pk=item.pk)


@private
@require_http_methods(["GET", "HEAD", "POST"])
@staff_login_required
def item_links(request, label, pk):
    """An item's preview links: list them with their addresses, and make a new one."""
    previewable = get_previewable_or_404(label)
    if not previewable.can_share(request.user):
        raise PermissionDenied
    item = get_object_or_404(previewable.model, pk=pk)
    form = PreviewLinkForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.preview_link_create(
            item=item, lifetime=form.cleaned_data["lifetime"], created_by=request.user
        )
        messages.success(request, _("Made a preview link: it is the first one below."))
        return redirect("previews:links", label, item.pk)
    links = PreviewLink.objects.for_item(item).select_related("created_by", "revoked_by")
    opts = previewable.model._meta
    context = {
        **admin.site.each_context(request),
        "title": _("Preview links"),
        "subtitle": str(item),
        "opts": opts,
        "original": item,
        # Laid out as the admin lays out its own forms, so the page reads as part of the desk.
        "adminform": AdminForm(form, [(None, {"fields": list(form.fields)})], {}),
        "links": [(link, request.build_absolute_uri(link.get_absolute_url())) for link in links],
    }
    return TemplateResponse(request, "previews/links.html", context)


@private
@require_POST
@staff_login_required
def revoke_link(request, link_id):
    link = get_object_or_404(PreviewLink, pk=link_id)
    previewable = previewable_for_content_type(link.content_type_id)
    if not previewable.can_share(request.user):
        raise PermissionDenied
    services.preview_link_revoke(link=link, revoked_by=request.user)
    messages.success(request, _("The preview link no longer works."))
    return redirect("previews:links", previewable.label, link.object_id)


@private
@no_referrer
@require_safe
def shared(request, token):
    """One item, read-only, for whoever holds a live link to it; no account needed."""
    link_id = unsign_link_id(token)
    if link_id is None:
        raise Http404("No such preview link.")
    link = get_object_or_404(PreviewLink, pk=link_id)
    if not link.is_live():
        return TemplateResponse(request, "previews/gone.html", {"link": link}, status=410)
    previewable = previewable_for_content_type(link.content_type_id)
    # The item comes from the link, never from the address: a link shows its own item only.
    return previewable.page_view()(request, pk=link.object_id)
