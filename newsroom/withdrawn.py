"""What the address of an item withdrawn from the site answers: 410 Gone, saying so."""

from django.http import Http404
from django.template.response import TemplateResponse


class GoneWhenWithdrawn:
    """For a public detail view that finds a published ``model`` item by its slug.

    An item archived while readers could see it keeps its address, which then says that it was
    withdrawn, when, and the editors' public note. Of the item itself only the title is shown:
    the rest was withdrawn. Anything else not published stays a plain 404.
    """

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            slug = kwargs.get(self.slug_url_kwarg)
            item = slug and self.model.objects.withdrawn().filter(slug=slug).first()
            if not item:
                raise
        context = {
            "title": str(item),
            # "event" or "article": each has its own sentences, whose words agree with it.
            "kind": self.model._meta.model_name,
            "withdrawn_at": item.withdrawn_at,
            "note": item.withdrawal_note,
        }
        return TemplateResponse(request, "withdrawn.html", context, status=410)
