"""Smaller copies of an article's lead image, so a phone never downloads the full picture.

Each rendition's name is derived from the stored original's name ("articles/ab12.jpg" gives
"articles/renditions/ab12-800.webp"), so no column records them: a page works them out from the
original's name and size. The original has already been through ``clean_image``, so it is a
plain, metadata-free JPEG, PNG or WebP that Pillow can open safely.
"""

import io
import posixpath
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image

# Widths in CSS pixels that cover a phone, a tablet and a wide column at 1x and 2x.
WIDTHS = (480, 800, 1200, 1600)
# WebP for browsers that take it; JPEG for the rest, and for the <img> itself.
FORMATS = {"webp": "WEBP", "jpg": "JPEG"}
QUALITY = 80
# How wide the image shows: the text column on a desktop, the screen less its margins on a phone.
SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int


def renditions_of(name, width, height, extension):
    """The renditions an image should have in one format, worked out without opening a file.

    Never wider than the original, and always at least one.
    """
    widths = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    folder, filename = posixpath.split(name)
    stem = posixpath.splitext(filename)[0]
    return [
        Rendition(
            posixpath.join(folder, "renditions", f"{stem}-{w}.{extension}"),
            w,
            max(1, round(height * w / width)),
        )
        for w in widths
    ]


def make_renditions(article):
    """Write every rendition of an article's stored lead image, replacing earlier ones."""
    image = article.lead_image
    storage = image.storage
    with image.open("rb"), Image.open(image) as original:
        original.load()
        # JPEG has no transparency: lay a transparent image on white rather than on black.
        rgba = original.convert("RGBA")
        opaque = Image.new("RGB", original.size, "white")
        opaque.paste(rgba, mask=rgba)
    for extension, pillow_format in FORMATS.items():
        for rendition in renditions_of(image.name, *opaque.size, extension):
            resized = opaque.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            resized.save(buffer, format=pillow_format, quality=QUALITY)
            # The name must stay exactly as derived: never let the storage pick another.
            storage.delete(rendition.name)
            storage.save(rendition.name, ContentFile(buffer.getvalue()))


def delete_renditions(storage, name, width, height):
    """Remove the renditions of an image that was replaced or cleared."""
    for extension in FORMATS:
        for rendition in renditions_of(name, width, height, extension):
            storage.delete(rendition.name)


def responsive_image(article):
    """What the page needs for the lead image's <picture>, or None when there is no image.

    Only renditions that exist are offered; an image stored some other way (a data import, say)
    falls back to the original.
    """
    image = article.lead_image
    if not image or not article.lead_image_width:
        return None
    storage = image.storage
    size = (article.lead_image_width, article.lead_image_height)
    sources = {}
    for extension in FORMATS:
        existing = [
            r for r in renditions_of(image.name, *size, extension) if storage.exists(r.name)
        ]
        if existing:
            sources[extension] = existing
    fallback = sources.pop("jpg", None)
    largest = fallback[-1] if fallback else Rendition(image.name, *size)
    return {
        "src": storage.url(largest.name),
        "srcset": _srcset(storage, fallback) if fallback else "",
        "webp_srcset": _srcset(storage, sources["webp"]) if "webp" in sources else "",
        "sizes": SIZES,
        "width": largest.width,
        "height": largest.height,
        "alt": article.lead_image_alt,
    }


def _srcset(storage, renditions):
    return ", ".join(f"{storage.url(r.name)} {r.width}w" for r in renditions)
