"""Cover images: an upload checked, made web-sized and stored under its content's digest.

Whatever is uploaded, what is stored is a new JPEG made by Pillow: at most COVER_BOX pixels
each way, turned upright as its EXIF says, and with no metadata (a phone photo's GPS position
never reaches the page). Refused before anything is stored: more than MAX_BYTES, anything
Pillow cannot read as one of FORMATS, more than MAX_PIXELS (a decompression bomb is refused
from its header, before its pixels are decoded), and a damaged file.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from .domain import InvalidEventError, Picture

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # as the poster reader's: a 48-megapixel phone photo is refused
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
COVER_BOX = (1600, 1600)
JPEG_QUALITY = 85
# Pillow's own bomb limit, set explicitly rather than trusted to its default; read_cover's
# check of the header comes first in any case.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageRefusedError(InvalidEventError):
    """An upload that is not an image this site takes; the message says why."""


class ImageTooLargeError(ImageRefusedError):
    """An upload over the byte or pixel limit."""


@dataclass(frozen=True)
class Upload:
    """A cover ready to store: what the event refers to, and the bytes served for it."""

    picture: Picture
    body: bytes


def read_cover(data: bytes) -> Upload:
    if len(data) > MAX_BYTES:
        raise ImageTooLargeError(f"The cover image is too large: at most {MAX_BYTES // 2**20} MB")
    image = _opened(data)
    try:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(COVER_BOX, Image.Resampling.LANCZOS)
        flat = _on_white(image)
        out = io.BytesIO()
        flat.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageRefusedError("The cover image could not be read: the file is damaged") from exc
    body = out.getvalue()
    digest = hashlib.sha256(body).hexdigest()
    return Upload(Picture(digest, flat.width, flat.height), body)


def _opened(data: bytes) -> Image.Image:
    """The image decoded, refused by its header when it has too many pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.seek(0)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLargeError(
            f"The cover image has too many pixels: at most {MAX_PIXELS // 1_000_000} million"
        ) from exc
    except UnidentifiedImageError as exc:
        raise ImageRefusedError(
            "The cover must be an image: a JPEG, PNG, WebP or GIF file"
        ) from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageRefusedError("The cover image could not be read: the file is damaged") from exc
    return image


def _on_white(image: Image.Image) -> Image.Image:
    """RGB for JPEG: a transparent picture laid on white, as a page would show it."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")
