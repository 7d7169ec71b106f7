"""The user guides in docs/guide/ as pages in Roder (/help/<guide>/, `core.views.guide`).

The guides are Markdown written for this purpose, so this reads the small part of Markdown they
use instead of bringing a Markdown library into the installation: headings (#, ##, ###),
paragraphs, numbered and bulleted lists, an image alone on its line (![alt](img/name.png)),
**bold** and links ([text](other.md), [text](https://…)). Everything is escaped first; only the
tags written here come out, so a guide cannot put markup of its own on the page.
"""

import html
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

IMAGE_NAME = re.compile(r"^[a-z0-9-]+\.png$")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\(img/([a-z0-9-]+\.png)\)$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_GUIDE_LINK = re.compile(r"^([a-z]+)\.md(#[a-z0-9-]+)?$")


def folder() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "guide"


@dataclass(frozen=True)
class Guide:
    title: str
    body: SafeString


def read(name: str) -> Guide:
    """The guide `name` (a key of core.help.GUIDES) as a title and its page."""
    text = (folder() / f"{name}.md").read_text("utf-8")
    lines = text.splitlines()
    title = lines[0].removeprefix("# ").strip() if lines and lines[0].startswith("# ") else name
    return Guide(title=title, body=render(lines[1:] if title != name else lines))


def _href(target: str) -> str | None:
    guide = _GUIDE_LINK.match(target)
    if guide:
        return reverse("core:guide", kwargs={"name": guide.group(1)}) + (guide.group(2) or "")
    if target.startswith(("https://", "http://", "/", "#")):
        return target
    return None


def _inline(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        href = _href(html.unescape(match.group(2)))
        if href is None:
            return match.group(1)
        return f'<a href="{html.escape(href)}">{match.group(1)}</a>'

    escaped = html.escape(text, quote=True)
    return _BOLD.sub(r"<strong>\1</strong>", _LINK.sub(link, escaped))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9åäö]+", "-", text.lower()).strip("-")


def render(lines: list[str]) -> SafeString:
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush() -> None:
        nonlocal list_tag
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append(f"<{list_tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{list_tag}>")
            items.clear()
            list_tag = ""

    for raw in lines:
        line = raw.strip()
        numbered = re.match(r"^\d+\.\s+(.*)$", line)
        bullet = re.match(r"^[-*]\s+(.*)$", line)
        image = _IMAGE.match(line)
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            # The title is the page's h1, so the guide's headings begin at h2.
            level = max(2, min(len(line) - len(line.lstrip("#")), 4))
            text = line.lstrip("#").strip()
            out.append(f'<h{level} id="{_slug(text)}">{_inline(text)}</h{level}>')
        elif image:
            flush()
            src = reverse("core:guide_image", kwargs={"name": image.group(2)})
            alt = html.escape(image.group(1), quote=True)
            out.append(f'<figure class="guide-shot"><img src="{src}" alt="{alt}"></figure>')
        elif numbered or bullet:
            tag = "ol" if numbered else "ul"
            if paragraph or (items and list_tag != tag):
                flush()
            list_tag = tag
            items.append(_inline((numbered or bullet).group(1)))  # type: ignore[union-attr]
        elif items and raw.startswith(("  ", "\t")):
            items[-1] += " " + _inline(line)  # a list item's next line
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return mark_safe("\n".join(out))
