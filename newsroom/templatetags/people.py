"""How the desk's templates name a colleague: as its lists and choosers do."""

from django import template

from newsroom import publishing

register = template.Library()


@register.filter
def staff_label(user):
    """ "Tom Hale (thale)"; the login alone when the account has no name; a dash for nobody."""
    return publishing.staff_label(user)
