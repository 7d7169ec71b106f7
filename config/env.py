"""Typed readers for settings from environment variables.

Each reader fails loudly (ImproperlyConfigured) on a value it cannot parse, so a typo in a
deployment never silently falls back to a default.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, base_dir: Path) -> dict:
    """Turn a database URL into a DATABASES entry: postgres://user:pass@host:port/name, or for
    SQLite (as SQLAlchemy reads them) sqlite:///var/x.sqlite3 (three slashes: a path inside the
    repository, `base_dir`) and sqlite:////srv/roder/x.sqlite3 (four: an absolute path)."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        name = _sqlite_path(url, parts, base_dir=base_dir)
        name.parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "roder.core.db.sqlite3",  # Django's, with value checks (roder/core/db)
            "NAME": str(name),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "roder.core.db.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"DATABASE_URL has an unsupported scheme: {parts.scheme!r}")


def _sqlite_path(url: str, parts, *, base_dir: Path) -> Path:
    # urlsplit leaves "/var/x" for three slashes and "//srv/x" for four.
    path = unquote(parts.path)
    if parts.netloc or not path.strip("/"):
        raise ImproperlyConfigured(
            f"DATABASE_URL {url!r}: write sqlite:///var/roder.sqlite3 for a file inside the "
            "repository or sqlite:////srv/roder/roder.sqlite3 (four slashes) for an absolute path."
        )
    if path.startswith("//"):
        return Path("/" + path.lstrip("/"))
    return base_dir / path.lstrip("/")
