"""docs/design.md, rule 7: what clean_image returns carries pixels only, upright; bad files are
refused."""

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


HIDDEN = b"<html><script>alert(1)</script></html>"


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_anything_after_the_end_of_the_image_is_refused_not_trimmed(format):
    with pytest.raises(ValidationError, match="something after the end of its image"):
        clean_image(io.BytesIO(photo_with_metadata(format).getvalue() + HIDDEN))


def test_a_jpeg_with_a_second_end_marker_after_hidden_bytes_is_refused():
    whole = photo_with_metadata().getvalue()
    with pytest.raises(ValidationError, match="something after the end of its image"):
        clean_image(io.BytesIO(whole + HIDDEN + b"\xff\xd9"))


@pytest.mark.parametrize(
    "options",
    [
        {"progressive": True},
        {"comment": b"a note \xff\xd9 with an end marker inside"},
        {"restart_marker_blocks": 1},
    ],
    ids=["progressive", "comment", "restart-markers"],
)
def test_jpegs_of_every_shape_pass_the_end_check(options):
    image = Image.new("RGB", (64, 48), "navy")
    image.paste((250, 200, 0), (0, 0, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    assert Image.open(clean_image(buffer)).size == (64, 48)


def test_a_jpeg_whose_exif_holds_a_thumbnail_with_its_own_end_marker_passes():
    thumbnail = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(thumbnail, "JPEG")
    image = Image.new("RGB", (64, 48), "navy")
    buffer = io.BytesIO()
    # An APP1 segment that carries a whole JPEG: the walk must skip it by its length.
    image.save(buffer, "JPEG", exif=b"Exif\x00\x00" + thumbnail.getvalue())
    assert b"\xff\xd9" in buffer.getvalue()[:-2]
    assert Image.open(clean_image(buffer)).size == (64, 48)


def test_a_multi_picture_jpeg_is_refused_with_a_message():
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (32, 32), "red"), Image.new("RGB", (32, 32), "blue")
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    with pytest.raises(ValidationError, match="several pictures"):
        clean_image(buffer)


@pytest.mark.parametrize(
    ("format", "message"),
    # libwebp will not even open a cut WebP, so Pillow cannot tell it from a non-image.
    [("PNG", "damaged or incomplete"), ("WEBP", "not a JPEG, PNG or WebP image")],
)
def test_a_truncated_png_or_webp_is_refused(format, message):
    whole = photo_with_metadata(format, size=(400, 300)).getvalue()
    with pytest.raises(ValidationError, match=message):
        clean_image(io.BytesIO(whole[: len(whole) - 40]))


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
