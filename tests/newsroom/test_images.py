"""DESIGN rule 7: what clean_image returns carries pixels only, upright; bad files are refused."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image

from newsroom.images import clean_image


def photo_with_metadata(format="JPEG", size=(300, 200), orientation=6):
    image = Image.new("RGB", size, "darkred")
    image.paste((250, 250, 250), (0, 0, size[0] // 2, size[1] // 4))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Sender's camera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 11.0, 24.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (35.0, 16.0, 12.0)
    buffer = io.BytesIO()
    image.save(buffer, format, exif=exif, xmp=b"<x:xmpmeta>where I stood</x:xmpmeta>")
    return io.BytesIO(buffer.getvalue())


def png_declaring(width, height):
    """A tiny PNG whose header claims a huge image: a decompression bomb's opening move."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return io.BytesIO(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("format", ["JPEG", "WEBP", "PNG"])
def test_metadata_is_stripped_and_the_photo_turned_upright(format):
    cleaned = clean_image(photo_with_metadata(format))
    raw = cleaned.read()
    image = Image.open(io.BytesIO(raw))
    assert image.format == format
    assert image.size == (200, 300)  # orientation 6 turned the 300 × 200 photo upright
    assert not image.getexif()
    assert "xmp" not in image.info and "exif" not in image.info
    assert b"where I stood" not in raw and b"Sender's camera" not in raw
    assert cleaned.name.endswith({"JPEG": ".jpg", "WEBP": ".webp", "PNG": ".png"}[format])


def test_the_stored_name_is_random():
    names = {clean_image(photo_with_metadata()).name for _ in range(3)}
    assert len(names) == 3


def test_trailing_data_after_a_png_does_not_survive():
    png = photo_with_metadata("PNG").getvalue() + b"<html><script>alert(1)</script></html>"
    assert b"<script>" not in clean_image(io.BytesIO(png)).read()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "not a JPEG, PNG or WebP image"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "not a JPEG, PNG or WebP image",
        ),
        (b"", "empty"),
    ],
)
def test_files_that_are_not_images_are_refused(content, message):
    with pytest.raises(ValidationError, match=message):
        clean_image(io.BytesIO(content))


def test_a_gif_is_refused_even_though_it_is_an_image():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    with pytest.raises(ValidationError, match="not a JPEG, PNG or WebP image"):
        clean_image(buffer)


def test_a_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(ValidationError, match="too many pixels|megapixels"):
        clean_image(png_declaring(10_000, 10_000))


def test_the_pixel_cap_is_checked_from_the_header():
    with pytest.raises(ValidationError, match="7000 × 7000 pixels; the limit is 40 megapixels"):
        clean_image(png_declaring(7000, 7000))


def test_a_truncated_jpeg_is_refused():
    whole = photo_with_metadata(size=(800, 600)).getvalue()
    with pytest.raises(ValidationError, match="damaged or incomplete"):
        clean_image(io.BytesIO(whole[: len(whole) // 2]))


def test_files_over_the_byte_cap_are_refused_without_being_read_whole():
    upload = io.BytesIO(b"\xff\xd8" + b"\0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        clean_image(upload)
    assert upload.tell() == 10 * 1024 * 1024 + 1
