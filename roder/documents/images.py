"""Uploaded pictures (the templates' logos): opened with Pillow, decoded in full and written
again as a PNG of bounded size before they are stored, so a file that only starts like a
picture never reaches a document (python-docx and WeasyPrint would fail on it later)."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

FORMATS = {"PNG", "JPEG"}
SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
MAX_SIDE = 2000  # pixels; a larger logo is scaled down to fit 2000 × 2000
# Refused before decoding: a small file can claim a huge picture (a decompression bomb).
MAX_PIXELS = 40_000_000


def logo_png(content: bytes) -> bytes:
    """The logo as a PNG of at most MAX_SIDE × MAX_SIDE pixels, or ValidationError with a
    message for the person who uploaded it."""
    if not content.startswith(SIGNATURES):
        raise _wrong_format()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _reencode(content)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_large() from error
    except Exception as error:  # Pillow raises many kinds on broken files: all mean "broken"
        raise ValidationError(
            _("The logo could not be read as a picture; the file may be damaged."),
            code="broken",
        ) from error


def _reencode(content: bytes) -> bytes:
    with Image.open(io.BytesIO(content)) as probe:
        if probe.format not in FORMATS:
            raise _wrong_format()
        width, height = probe.size
        if width * height > MAX_PIXELS:
            raise _too_large()
        probe.verify()  # checksums and structure, without decoding the pixels
    # verify() leaves the image unusable: open again and decode every pixel.
    with Image.open(io.BytesIO(content)) as image:
        image.load()
        picture = ImageOps.exif_transpose(image)
        has_alpha = "A" in picture.getbands() or "transparency" in picture.info
        picture = picture.convert("RGBA" if has_alpha else "RGB")
        picture.thumbnail((MAX_SIDE, MAX_SIDE))
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        return buffer.getvalue()


def _wrong_format() -> ValidationError:
    return ValidationError(_("The logo must be a PNG or JPEG image."), code="format")


def _too_large() -> ValidationError:
    return ValidationError(
        _("The logo has too many pixels (at most %(pixels)s million).")
        % {"pixels": MAX_PIXELS // 1_000_000},
        code="too_large",
    )
