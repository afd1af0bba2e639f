"""Pagination for the reader's lists, answering a bad page number clearly.

A bad number is a 400 that says what was wrong (docs/design.md, rule 8).
"""

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.translation import gettext

# Past this many digits a page number is past every last page; int() refuses over 4,300.
MAX_DIGITS = 18


def page_number(text):
    """The positive whole number ``text`` writes in ASCII digits, or None if it writes none."""
    digits = text.lstrip("0")
    if not (text.isascii() and text.isdigit() and digits):
        return None
    return int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS


def page_of(request, items, per_page, *, count=None):
    """The page ``?page=`` asks for: a 400 for anything but a positive whole number, a 404
    past the last page (a well-formed address of a page that does not exist). ``count`` is the
    number of items when it is known already, so that nothing counts them again."""
    number = request.GET.get("page", "1")
    if (page := page_number(number)) is None:
        raise BadRequest(
            gettext("“%(number)s” is not a page number: pages are numbered 1, 2, 3 and so on.")
            % {"number": number}
        )
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(page)
    except EmptyPage:
        raise Http404(f"There is no page {number}.") from None
