"""The embeds' inline stylesheet, the one their content policy allows by its hash."""

from django import template

from newsroom.embeds import style_element

register = template.Library()


@register.simple_tag
def embed_style():
    return style_element()
