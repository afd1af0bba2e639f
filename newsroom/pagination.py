"""Pagination for the reader's lists, answering a bad page number clearly.

A bad number is a 400 that says what was wrong (docs/design.md, rule 8).
"""

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404


def page_of(request, items, per_page):
    """The page ``?page=`` asks for: a 400 for anything but a positive whole number, a 404
    past the last page (a well-formed address of a page that does not exist)."""
    number = request.GET.get("page", "1")
    if not (number.isascii() and number.isdigit() and int(number) > 0):
        raise BadRequest(f"“{number}” is not a page number: pages are numbered 1, 2, 3 and so on.")
    try:
        return Paginator(items, per_page).page(int(number))
    except EmptyPage:
        raise Http404(f"There is no page {number}.") from None
