"""Cover images as read_cover makes them: web-sized JPEGs named by their digest, upright and
without metadata, and every upload that is not a usable image refused before anything else."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib

import pytest
from PIL import Image

from events_app.domain import Picture
from events_app.images import ImageRefusedError, ImageTooLargeError, read_cover


def picture_bytes(size, format="PNG", mode="RGB", colour=(200, 30, 30), **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, format=format, **options)
    return out.getvalue()


def claimed_size(png: bytes, width: int, height: int) -> bytes:
    """The PNG with its header saying another size (and a CRC that still checks out)."""
    header = b"IHDR" + struct.pack(">II", width, height) + png[24:29]
    return png[:12] + header + struct.pack(">I", zlib.crc32(header)) + png[33:]


def read_back(body: bytes) -> tuple[str, tuple[int, int], dict]:
    image = Image.open(io.BytesIO(body))
    return image.format, image.size, dict(image.getexif())


@pytest.mark.parametrize(
    ("size", "format", "mode", "made"),
    [
        ((4000, 3000), "JPEG", "RGB", (1600, 1200)),
        ((800, 2400), "PNG", "RGBA", (533, 1600)),
        ((640, 360), "WEBP", "RGB", (640, 360)),
        ((300, 200), "GIF", "P", (300, 200)),
    ],
)
def test_a_cover_is_a_jpeg_at_most_1600_pixels_each_way(size, format, mode, made):
    colour = 5 if mode == "P" else (200, 30, 30, 128)[: len(mode)]
    upload = read_cover(picture_bytes(size, format, mode, colour))

    assert upload.picture == Picture(hashlib.sha256(upload.body).hexdigest(), *made)
    assert read_back(upload.body) == ("JPEG", made, {})


def test_a_photo_is_turned_upright_and_loses_its_metadata():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was held on its side
    exif[0x010F] = "Phone maker"
    photo = picture_bytes((300, 100), "JPEG", exif=exif.tobytes())

    upload = read_cover(photo)

    assert read_back(upload.body) == ("JPEG", (100, 300), {})


def test_the_same_picture_is_named_the_same_twice():
    data = picture_bytes((50, 40))

    assert read_cover(data).picture == read_cover(data).picture


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"%PDF-1.4 not a picture", ImageRefusedError, "The cover must be an image"),
        (b"", ImageRefusedError, "The cover must be an image"),
        (picture_bytes((40, 40), "BMP"), ImageRefusedError, "The cover must be an image"),
        (picture_bytes((400, 400), "PNG")[:200], ImageRefusedError, "the file is damaged"),
        (
            claimed_size(picture_bytes((10, 10)), 20_000, 20_000),
            ImageTooLargeError,
            "too many pixels: at most 40 million",
        ),
        (
            claimed_size(picture_bytes((10, 10)), 8_000, 6_000),
            ImageTooLargeError,
            "too many pixels: at most 40 million",
        ),
        (b"\xff" * (8 * 1024 * 1024 + 1), ImageTooLargeError, "too large: at most 8 MB"),
    ],
    ids=["pdf", "empty", "bmp", "truncated", "bomb", "just-over", "huge-file"],
)
def test_anything_else_is_refused_with_the_reason(data, error, message):
    with pytest.raises(error, match=message) as refused:
        read_cover(data)

    assert type(refused.value) is error
