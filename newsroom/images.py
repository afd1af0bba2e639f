"""Uploaded images are hostile until proven otherwise (DESIGN rule 7).

``clean_image`` is the only way an image gets stored: it judges the file by its content, caps it
in bytes and pixels before decoding, decodes it once, turns it upright, and re-encodes it with no
metadata at all, so nothing the camera or sender recorded (EXIF, GPS, XMP, comments) survives.
"""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Format found in the content -> (format to write, file extension).
ACCEPTED = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "WEBP": ("WEBP", "webp")}


@deconstructible
class RandomName:
    """An ``upload_to`` that stores every file under a random name in ``folder``.

    Defence in depth behind ``clean_image``: the uploader's file name, which can carry a name or
    a place, never reaches storage.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = filename[filename.rfind(".") :].lower() if "." in filename else ""
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def clean_image(upload, *, max_bytes=MAX_BYTES, max_pixels=MAX_PIXELS):
    """Return a ``ContentFile`` holding a metadata-free re-encoding of ``upload``.

    Raise ``ValidationError`` with a message for the sender when the file is refused.
    """
    data = _read_capped(upload, max_bytes)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(ACCEPTED))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(
                "This image has too many pixels.", code="too_many_pixels"
            ) from None
        except (Image.UnidentifiedImageError, OSError, ValueError):
            raise ValidationError(
                "This file is not a JPEG, PNG or WebP image.", code="not_an_image"
            ) from None
    with image:
        # Opening reads only the header: refuse oversized images before decoding their pixels.
        width, height = image.size
        if width * height > max_pixels:
            raise ValidationError(
                f"This image is {width} × {height} pixels; the limit is "
                f"{max_pixels // 1_000_000} megapixels.",
                code="too_many_pixels",
            )
        if getattr(image, "n_frames", 1) > 1:
            raise ValidationError("Animated images are not accepted.", code="animated")
        output_format, extension = ACCEPTED[image.format]
        try:
            image.load()
        except (OSError, ValueError, SyntaxError):
            raise ValidationError("This image is damaged or incomplete.", code="damaged") from None
        upright = ImageOps.exif_transpose(image)
    clean = _without_metadata(upright, output_format)
    buffer = io.BytesIO()
    save_options = {"quality": 88, "optimize": True} if output_format == "JPEG" else {}
    clean.save(buffer, format=output_format, **save_options)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def _read_capped(upload, max_bytes):
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(
            f"This file is larger than {max_bytes // (1024 * 1024)} MB.", code="too_large"
        )
    if not data:
        raise ValidationError("This file is empty.", code="empty")
    return data


def _without_metadata(image, output_format):
    """A new image holding only the pixels: no info, EXIF, XMP, ICC profile or text chunks."""
    if output_format == "JPEG":
        mode = "RGB"
    elif image.mode in {"RGBA", "LA"} or "transparency" in image.info:
        mode = "RGBA"
    else:
        mode = "RGB"
    pixels = image.convert(mode)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    return clean


def clean_image_field(value):
    """For a form's ``clean_<field>``: clean a new upload; a stored image was cleaned already."""
    return clean_image(value) if isinstance(value, UploadedFile) else value
