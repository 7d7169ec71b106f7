"""Attachments sent with a case from the public form: images and PDF, recognised by their first
bytes (magic bytes), never by the file name or the type the browser claims, and limited in
number and size (RODER_COMPLAINT_ATTACHMENTS, RODER_COMPLAINT_ATTACHMENT_MB). They are kept in
the database (Attachment.content), outside every public static or media path, and handed out
only by the access-checked download view."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# (first bytes, offset, stored type, extension). WebP is "RIFF", four bytes of size, "WEBP".
SIGNATURES: tuple[tuple[bytes, int, str, str], ...] = (
    (b"%PDF-", 0, "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png", "png"),
    (b"\xff\xd8\xff", 0, "image/jpeg", "jpg"),
    (b"GIF87a", 0, "image/gif", "gif"),
    (b"GIF89a", 0, "image/gif", "gif"),
    (b"WEBP", 8, "image/webp", "webp"),
)


@dataclass(frozen=True)
class Upload:
    """One file as received: its name as sent, its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class Checked:
    name: str
    content_type: str
    content: bytes


def most_files() -> int:
    return int(settings.RODER_COMPLAINT_ATTACHMENTS)


def most_bytes() -> int:
    return int(settings.RODER_COMPLAINT_ATTACHMENT_MB) * 1024 * 1024


def sniff(content: bytes) -> tuple[str, str] | None:
    """(content type, extension) of an image or PDF, from its first bytes; None otherwise."""
    for magic, offset, kind, extension in SIGNATURES:
        if content[offset : offset + len(magic)] == magic:
            if kind == "image/webp" and content[:4] != b"RIFF":
                continue
            return kind, extension
    return None


def safe_name(name: str, extension: str) -> str:
    """The sent name without paths or odd characters, ending in the extension its content
    has (a PNG called report.pdf is stored as report.png)."""
    base = re.split(r"[\\/]", name or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w\- ]+", "_", stem).strip(" ._")[:100] or "bilaga"
    return f"{stem}.{extension}"


def check(uploads: list[Upload]) -> list[Checked]:
    """The uploads as they will be stored; ValidationError on the first that is refused."""
    if len(uploads) > most_files():
        raise ValidationError(
            {
                "attachments": ngettext(
                    "Attach at most %(count)s file.",
                    "Attach at most %(count)s files.",
                    most_files(),
                )
                % {"count": most_files()}
            }
        )
    checked = []
    for upload in uploads:
        if len(upload.content) > most_bytes():
            raise ValidationError(
                {
                    "attachments": _("%(name)s is larger than %(size)s MB.")
                    % {"name": upload.name, "size": settings.RODER_COMPLAINT_ATTACHMENT_MB}
                }
            )
        found = sniff(upload.content)
        if found is None:
            raise ValidationError(
                {
                    "attachments": _(
                        "%(name)s is not an image or a PDF file. Attach pictures (JPEG, PNG, "
                        "GIF, WebP) or PDF documents."
                    )
                    % {"name": upload.name}
                }
            )
        kind, extension = found
        checked.append(Checked(safe_name(upload.name, extension), kind, upload.content))
    return checked
