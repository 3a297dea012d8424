"""Inline photos: decoded, checked, capped and scaled down.

A photo is kept when it is a JPEG, PNG, GIF, WebP or BMP. One larger than
:data:`MAX_SIDE` pixels or :data:`KEEP_BYTES` is scaled down with Pillow (a contact's
avatar never needs more, and a 20 MB camera picture per contact would bloat the
database); a small one is kept byte for byte, so export → import gives it back unchanged.
A decoded photo above :data:`MAX_PHOTO_BYTES` or an encoded value above
:data:`MAX_ENCODED_BYTES` is refused with a problem (the latter before it is decoded).
"""

from __future__ import annotations

import base64
import binascii
import io
import re

MAX_ENCODED_BYTES = 10 * 1024 * 1024
MAX_PHOTO_BYTES = 7 * 1024 * 1024
MAX_SIDE = 512  # pixels: twice the largest avatar Allies draws
KEEP_BYTES = 256 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding them

_WHITESPACE = re.compile(r"\s+")
_DATA_URI = re.compile(r"^data:([^,;]*)((?:;[^,;]*)*),", re.IGNORECASE)

MEDIA_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "bmp": "image/bmp",
}


class PhotoRefused(ValueError):
    """``code`` is ``photo-too-large``, ``photo-invalid`` or ``photo-not-image``."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def image_kind(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:2] == b"BM":
        return "bmp"
    return None


def is_data_uri(value: str) -> bool:
    return value[:5].lower() == "data:"


def decode_base64(text: str) -> bytes:
    """Tolerant base64: whitespace anywhere, missing padding; raises ``binascii.Error``."""
    compact = _WHITESPACE.sub("", text)
    compact += "=" * (-len(compact) % 4)
    return base64.b64decode(compact, validate=True)


def photo_from_base64(text: str) -> bytes:
    if len(text) > MAX_ENCODED_BYTES:
        raise PhotoRefused(
            "photo-too-large",
            f"Photo of {len(text) // (1024 * 1024)} MB encoded is larger than the "
            f"{MAX_ENCODED_BYTES // (1024 * 1024)} MB limit; not imported.",
        )
    try:
        data = decode_base64(text)
    except (binascii.Error, ValueError) as exc:
        raise PhotoRefused("photo-invalid", "Photo data is not valid base64.") from exc
    return checked_photo(data)


def photo_from_data_uri(value: str) -> bytes:
    m = _DATA_URI.match(value)
    if not m or ";base64" not in m.group(2).lower():
        raise PhotoRefused("photo-invalid", "Photo data URI is not base64-encoded.")
    return photo_from_base64(value[m.end() :])


def checked_photo(data: bytes) -> bytes:
    if not data:
        raise PhotoRefused("photo-invalid", "Photo is empty.")
    if image_kind(data) is None:
        raise PhotoRefused("photo-not-image", "Photo is not a JPEG, PNG, GIF, WebP or BMP image.")
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRefused(
            "photo-too-large",
            f"Photo of {len(data) // 1024} KB is larger than the "
            f"{MAX_PHOTO_BYTES // 1024} KB limit; not imported.",
        )
    return scaled_photo(data)


def scaled_photo(data: bytes) -> bytes:
    """The photo as it is when small, else scaled to at most :data:`MAX_SIDE` pixels.

    A small photo is kept byte for byte even when Pillow cannot decode it (the samples
    hold truncated Outlook JPEGs): it costs nothing to keep and the UI falls back to
    initials. A large one must decode, or it is refused.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoRefused(
                    "photo-too-large",
                    f"Photo of {width}×{height} pixels is larger than Allies accepts; "
                    "not imported.",
                )
            if max(width, height) <= MAX_SIDE and len(data) <= KEEP_BYTES:
                return data
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced size
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            if image.mode in ("RGBA", "LA") or "transparency" in image.info:
                image.save(out, "PNG", optimize=True)
            else:
                image.convert("RGB").save(out, "JPEG", quality=85)
            return out.getvalue()
    except PhotoRefused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        if len(data) <= KEEP_BYTES:
            return data
        raise PhotoRefused("photo-invalid", "Photo could not be decoded as an image.") from exc


def data_uri(photo: bytes) -> str:
    kind = image_kind(photo) or "jpeg"
    return f"data:{MEDIA_TYPES[kind]};base64,{base64.b64encode(photo).decode('ascii')}"
