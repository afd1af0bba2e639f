"""The embeds' inline stylesheets, the ones their content policy allows by their hashes."""

from django import template

from newsroom.embeds import STYLESHEET, style_element

register = template.Library()


@register.simple_tag
def embed_style(name=STYLESHEET):
    return style_element(name)
