"""A client for Kolada's open API, version 3 (https://api.kolada.se/v3; v2 is shut down).

Written here on httpx rather than taken from a package: the Python clients that exist target v2
or bring pandas, and what Roder needs is small — follow `next_url`, chunk ids, retry politely.

- Every list is read to its end: the client follows `next_url` until it is null or empty, with
  `per_page=5000` (Kolada's maximum) on every request.
- At most 25 ids go in one path segment; longer lists are split into several requests.
- HTTP 429, 5xx and time-outs are retried with exponential backoff (honouring `Retry-After`);
  after the last attempt, or on any other failure (4xx, malformed JSON, an answer not in the
  documented shape), `KoladaError` is raised with a message a person can read. An empty answer
  is not an error: it is an empty list ("Kolada has no value"), and a lookup by id returns None.
- Values: a deleted row (`isdeleted`) is dropped, and a `null` value stays None (never 0).

The base URL is the setting `RODER_KOLADA_URL`, so that a mirror or a test server stands in.
"""

import datetime
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import metadata
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

PER_PAGE = 5000
MAX_IDS = 25
ATTEMPTS = 3
GENDERS = ("T", "K", "M")  # total, kvinnor, män


class KoladaError(Exception):
    """Kolada could not be read; the message says why, in the person's language."""


@dataclass(frozen=True)
class Kpi:
    id: str
    title: str
    description: str
    operating_area: str
    is_divided_by_gender: bool
    municipality_type: str  # K (kommun), L (region) or A (all)
    has_ou_data: bool
    publication_date: datetime.date | None
    publ_period: str


@dataclass(frozen=True)
class Municipality:
    id: str
    title: str
    type: str  # K (kommun) or L (region); riket is 0000


@dataclass(frozen=True)
class MunicipalityGroup:
    id: str
    title: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class OrganisationalUnit:
    id: str
    title: str
    municipality: str


@dataclass(frozen=True)
class Value:
    """One figure: a KPI for a municipality, group or organisational unit, a year and a gender."""

    kpi: str
    target: str  # the municipality, group or ou id the value belongs to
    year: int
    gender: str  # T, K or M
    value: Decimal | None
    count: int  # for a group, how many members contributed
    status: str


def chunks(ids: Iterable[str], size: int = MAX_IDS) -> Iterator[list[str]]:
    """`ids` without repeats, in slices Kolada accepts in one path segment."""
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), size):
        yield unique[start : start + size]


def user_agent() -> str:
    try:
        version = metadata.version("roder")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"Roder/{version} (styr- och ledningssystem; +{settings.RODER_BASE_URL})"


class Client:
    """Kolada v3. `transport` and `sleep` are for tests (a local server, no waiting)."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float = 30.0,
        attempts: int = ATTEMPTS,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = (base_url or settings.RODER_KOLADA_URL).rstrip("/")
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep
        self.http = httpx.Client(
            timeout=timeout,
            headers={"User-Agent": user_agent(), "Accept": "application/json"},
            transport=transport,
        )

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.http.close()

    # -- catalogue -------------------------------------------------------------------------

    def kpis(
        self,
        *,
        ids: Sequence[str] = (),
        title: str = "",
        from_date: datetime.date | None = None,
    ) -> list[Kpi]:
        """KPIs: all of them, those with `ids`, or those whose title contains `title`."""
        return [_kpi(item) for item in self._catalogue("kpi", ids, title, from_date)]

    def kpi(self, kpi_id: str) -> Kpi | None:
        """One KPI, or None when Kolada has no KPI with that id."""
        found = self.kpis(ids=[kpi_id])
        return found[0] if found else None

    def municipalities(
        self, *, ids: Sequence[str] = (), title: str = "", from_date: datetime.date | None = None
    ) -> list[Municipality]:
        return [
            Municipality(id=_text(item, "id"), title=_text(item, "title"), type=_opt(item, "type"))
            for item in self._catalogue("municipality", ids, title, from_date)
        ]

    def municipality_groups(
        self, *, ids: Sequence[str] = (), title: str = "", from_date: datetime.date | None = None
    ) -> list[MunicipalityGroup]:
        return [
            _group(item) for item in self._catalogue("municipality_groups", ids, title, from_date)
        ]

    def county_group(self, county: str) -> MunicipalityGroup | None:
        """The länssnitt of a county: the group "<county> läns kommuner (ovägt medel)", found by
        its title (never the region's own id: that is the regional authority's own figure)."""
        wanted = f"{county} läns kommuner (ovägt medel)".casefold()
        for group in self.municipality_groups(title=county):
            if group.title.casefold() == wanted:
                return group
        return None

    def organisational_units(
        self, *, municipality: str = "", ids: Sequence[str] = ()
    ) -> list[OrganisationalUnit]:
        params = {"municipality": municipality} if municipality else {}
        items = self._catalogue("ou", ids, "", None, params)
        return [
            OrganisationalUnit(
                id=_text(item, "id"),
                title=_text(item, "title"),
                municipality=_opt(item, "municipality"),
            )
            for item in items
        ]

    # -- values ----------------------------------------------------------------------------

    def values(
        self,
        kpis: Sequence[str],
        municipalities: Sequence[str],
        years: Sequence[int],
        *,
        from_date: datetime.date | None = None,
    ) -> list[Value]:
        """Values of `kpis` × `municipalities` (or groups) × `years`; empty when Kolada has none."""
        return self._values("data", "municipality", kpis, municipalities, years, from_date)

    def ou_values(
        self,
        kpis: Sequence[str],
        units: Sequence[str],
        years: Sequence[int],
        *,
        from_date: datetime.date | None = None,
    ) -> list[Value]:
        """Values of organisational units (schools, care units) where a KPI has them."""
        return self._values("oudata", "ou", kpis, units, years, from_date)

    def _values(
        self,
        root: str,
        dimension: str,
        kpis: Sequence[str],
        targets: Sequence[str],
        years: Sequence[int],
        from_date: datetime.date | None,
    ) -> list[Value]:
        if not kpis or not targets or not years:
            return []
        params = {"from_date": from_date.isoformat()} if from_date else {}
        found: list[Value] = []
        for kpi_part in chunks(kpis):
            for target_part in chunks(targets):
                for year_part in chunks([str(year) for year in sorted(set(years))]):
                    path = (
                        f"{root}/kpi/{','.join(kpi_part)}/{dimension}/{','.join(target_part)}"
                        f"/year/{','.join(year_part)}"
                    )
                    for item in self._pages(path, params):
                        found.extend(_value_rows(item, dimension))
        return found

    # -- transport -------------------------------------------------------------------------

    def _catalogue(
        self,
        root: str,
        ids: Sequence[str],
        title: str,
        from_date: datetime.date | None,
        extra: dict[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        params = dict(extra or {})
        if title:
            params["title"] = title
        if from_date:
            params["from_date"] = from_date.isoformat()
        if not ids:
            return list(self._pages(root, params))
        items: list[dict[str, Any]] = []
        for part in chunks(ids):
            items.extend(self._pages(f"{root}/{','.join(part)}", params))
        return items

    def _pages(self, path: str, params: dict[str, str]) -> Iterator[dict[str, Any]]:
        """Every item of a list, following `next_url` to its end."""
        url: str | None = f"{self.base_url}/{path}"
        query: dict[str, str] | None = {**params, "per_page": str(PER_PAGE)}
        seen: set[str] = set()
        while url:
            body = self._get(url, query)
            values = body.get("values")
            if not isinstance(values, list):
                raise KoladaError(
                    _("Kolada's answer has no list of values (%(url)s).") % {"url": url}
                )
            for item in values:
                if not isinstance(item, dict):
                    raise KoladaError(
                        _("Kolada's answer is not in the expected shape (%(url)s).") % {"url": url}
                    )
                yield item
            following = body.get("next_url") or None
            if following is not None and not isinstance(following, str):
                raise KoladaError(
                    _("Kolada's answer is not in the expected shape (%(url)s).") % {"url": url}
                )
            url, query = (self._rebase(following), None) if following else (None, None)
            if url is not None:
                if url in seen:
                    raise KoladaError(
                        _("Kolada's pages lead back to a page already read (%(url)s).")
                        % {"url": url}
                    )
                seen.add(url)

    def _rebase(self, following: str) -> str:
        """`next_url` as an address on our base URL: a mirror or test server may hand out
        Kolada's own host in it, and Roder must keep asking where it was told to."""
        base = urlsplit(self.base_url)
        link = urlsplit(following)
        if (link.scheme, link.netloc) == (base.scheme, base.netloc) or not link.netloc:
            return following if link.netloc else f"{base.scheme}://{base.netloc}{following}"
        marker = base.path.rstrip("/").rsplit("/", 1)[-1]  # "v3"
        path = link.path.split(f"/{marker}/", 1)[-1] if marker else link.path.lstrip("/")
        return f"{self.base_url}/{path.lstrip('/')}" + (f"?{link.query}" if link.query else "")

    def _get(self, url: str, params: dict[str, str] | None) -> dict[str, Any]:
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                response = self.http.get(url, params=params)
            except httpx.TimeoutException as error:
                if last:
                    raise KoladaError(
                        _("Kolada did not answer in time after %(n)d attempts (%(url)s).")
                        % {"n": self.attempts, "url": url}
                    ) from error
                self._wait(attempt, None)
                continue
            except httpx.HTTPError as error:
                if last:
                    raise KoladaError(
                        _("Kolada could not be reached after %(n)d attempts (%(url)s): %(error)s")
                        % {"n": self.attempts, "url": url, "error": error}
                    ) from error
                self._wait(attempt, None)
                continue
            status = response.status_code
            if status == 429 or status >= 500:
                if last:
                    raise KoladaError(
                        _("Kolada answered %(status)d on all %(attempts)d attempts (%(url)s).")
                        % {"status": status, "attempts": self.attempts, "url": url}
                    )
                self._wait(attempt, response.headers.get("Retry-After"))
                continue
            if status != 200:
                raise KoladaError(
                    _("Kolada answered %(status)d (%(url)s).") % {"status": status, "url": url}
                )
            try:
                body = response.json()
            except ValueError as error:
                raise KoladaError(
                    _("Kolada's answer is not valid JSON (%(url)s).") % {"url": url}
                ) from error
            if not isinstance(body, dict):
                raise KoladaError(
                    _("Kolada's answer is not in the expected shape (%(url)s).") % {"url": url}
                )
            return body
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    def _wait(self, attempt: int, retry_after: str | None) -> None:
        delay = self.backoff * 2 ** (attempt - 1)
        if retry_after and retry_after.isdigit():
            delay = max(delay, min(float(retry_after), 60.0))
        self.sleep(delay)


# -- parsing ---------------------------------------------------------------------------------


def _shape_error() -> KoladaError:
    return KoladaError(_("Kolada's answer is not in the expected shape."))


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool) or value == "":
        raise _shape_error()
    return str(value)


def _opt(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    return "" if value is None else str(value)


def _date(value: object) -> datetime.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _kpi(item: dict[str, Any]) -> Kpi:
    return Kpi(
        id=_text(item, "id"),
        title=_text(item, "title"),
        description=_opt(item, "description"),
        operating_area=_opt(item, "operating_area"),
        is_divided_by_gender=bool(item.get("is_divided_by_gender")),
        municipality_type=_opt(item, "municipality_type"),
        has_ou_data=bool(item.get("has_ou_data")),
        publication_date=_date(item.get("publication_date")),
        publ_period=_opt(item, "publ_period"),
    )


def _group(item: dict[str, Any]) -> MunicipalityGroup:
    members = item.get("members") or []
    if not isinstance(members, list):
        raise _shape_error()
    ids = []
    for member in members:
        if not isinstance(member, dict):
            raise _shape_error()
        ids.append(str(member.get("id") or member.get("member_id") or ""))
    return MunicipalityGroup(
        id=_text(item, "id"), title=_text(item, "title"), members=tuple(m for m in ids if m)
    )


def _decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _shape_error()
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise _shape_error() from error


def _value_rows(item: dict[str, Any], dimension: str) -> Iterator[Value]:
    period = item.get("period")
    if not isinstance(period, int | str) or not str(period).isdigit():
        raise _shape_error()
    rows = item.get("values")
    if not isinstance(rows, list):
        raise _shape_error()
    for row in rows:
        if not isinstance(row, dict):
            raise _shape_error()
        if row.get("isdeleted"):
            continue
        gender = str(row.get("gender") or "T")
        if gender not in GENDERS:
            raise _shape_error()
        count = row.get("count") or 0
        yield Value(
            kpi=_text(item, "kpi"),
            target=_text(item, dimension),
            year=int(period),
            gender=gender,
            value=_decimal(row.get("value")),
            count=count if isinstance(count, int) else 0,
            status=_opt(row, "status"),
        )


def parse_values(items: Iterable[dict[str, Any]], dimension: str = "municipality") -> list[Value]:
    """Value items in v3's shape (an answer's `values`, or a fixture file's) as `Value`s."""
    found: list[Value] = []
    for item in items:
        if not isinstance(item, dict):
            raise _shape_error()
        found.extend(_value_rows(item, dimension))
    return found
