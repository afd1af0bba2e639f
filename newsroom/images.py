"""Uploaded images are hostile until proven otherwise (docs/design.md, rule 7).

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
# Format found in the content -> (format to write, file extension). Pillow names a JPEG that
# carries a multi-picture index "MPO"; with one picture it is an ordinary JPEG.
ACCEPTED = {
    "JPEG": ("JPEG", "jpg"),
    "MPO": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
}


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
            image = Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(
                f"This image has too many pixels; the limit is {max_pixels // 1_000_000} "
                "megapixels.",
                code="too_many_pixels",
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
            raise ValidationError(
                "Animated images and files holding several pictures are not accepted.",
                code="animated",
            )
        output_format, extension = ACCEPTED[image.format]
        _refuse_unless_whole(data, output_format)
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


def _refuse_unless_whole(data, image_format):
    """Refuse a file that stops before its image ends, or carries anything after it.

    Bytes after the end (HTML after a PNG's last chunk, a script after a JPEG's end marker) are
    how a file passes as an image in one program and as something else in another: the sender
    meant something by them, so the file is refused rather than quietly trimmed.
    """
    end = _END_OF[image_format](data)
    if end is None or end > len(data):
        raise ValidationError("This image is damaged or incomplete.", code="damaged")
    if end < len(data):
        raise ValidationError(
            "This file carries something after the end of its image; send the image alone.",
            code="trailing_data",
        )


def _jpeg_end(data):
    """Where a JPEG's end-of-image marker ends, walking its segments and scans; None if absent."""
    position, size = 2, len(data)  # after the start-of-image marker
    while position + 2 <= size:
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
        elif marker == 0xD9:  # end of image
            return position + 2
        elif 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            position += 2
        else:
            if position + 4 > size:
                return None
            position += 2 + int.from_bytes(data[position + 2 : position + 4])
            if marker == 0xDA:  # start of scan: coded data runs to the next real marker
                position = _scan_end(data, position)
                if position is None:
                    return None
    return None


def _scan_end(data, position):
    """The offset of the marker that ends the coded data of a scan starting at ``position``."""
    while True:
        position = data.find(b"\xff", position)
        if position == -1 or position + 1 >= len(data):
            return None
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # a stuffed byte or a restart
            position += 2
        elif following == 0xFF:
            position += 1
        else:
            return position


def _png_end(data):
    """Where a PNG's IEND chunk ends, walking its chunks; None if it never comes."""
    position, size = 8, len(data)  # after the signature
    while position + 12 <= size:
        length = int.from_bytes(data[position : position + 4])
        kind = data[position + 4 : position + 8]
        position += 12 + length  # length, type, data, CRC
        if kind == b"IEND":
            return position
    return None


def _webp_end(data):
    """Where a WebP's RIFF container ends, by the size its header declares."""
    return 8 + int.from_bytes(data[4:8], "little") if len(data) >= 8 else None


_END_OF = {"JPEG": _jpeg_end, "PNG": _png_end, "WEBP": _webp_end}


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
