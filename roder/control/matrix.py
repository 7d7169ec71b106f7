"""The risk matrix: read (stored or the default, with band lookup) and written (`matrix_save`,
the one write, kept here beside its rules rather than in services.py).

`Matrix` is read from the organisation's RiskMatrix (three queries) or, when none is stored,
built from the defaults: 4 × 4 with the bands low 1–3, medium 4–8 and high 9–16 (domain reference
§4; the bands are unconfirmed, so they are configuration). Default labels are translated when the
default is shown and stored in the language of the administrator who first saves the matrix.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from roder.control.models import (
    DEFAULT_SIZE,
    MAX_SIZE,
    MIN_SIZE,
    Axis,
    MatrixLevel,
    Risk,
    RiskBand,
    RiskMatrix,
)
from roder.core.models import HistoryAction
from roder.core.services import history_record, save_versioned

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Level:
    value: int
    label: str
    description: str = ""

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


@dataclass(frozen=True)
class Band:
    min_value: int
    max_value: int
    label: str
    colour: str

    def __str__(self) -> str:
        return f"{self.min_value}–{self.max_value} {self.label}"

    @property
    def text_colour(self) -> str:
        """Black or white, whichever contrasts more with the band's colour (WCAG luminance)."""
        return "#000000" if _luminance(self.colour) > 0.179 else "#ffffff"


def _luminance(colour: str) -> float:
    if not COLOUR.match(colour or ""):
        return 1.0

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@dataclass
class Matrix:
    size: int
    probability: list[Level]
    consequence: list[Level]
    bands: list[Band]
    version: int | None = None  # None: the default, not stored yet
    by_value: dict[int, Band] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_value = {}
        for band in self.bands:
            for value in range(band.min_value, band.max_value + 1):
                self.by_value.setdefault(value, band)

    @property
    def is_stored(self) -> bool:
        return self.version is not None

    @property
    def max_value(self) -> int:
        return self.size * self.size

    def band_for(self, value: int) -> Band | None:
        return self.by_value.get(value)

    def level(self, axis: str, value: int) -> Level | None:
        levels = self.probability if axis == Axis.PROBABILITY else self.consequence
        return next((level for level in levels if level.value == value), None)


DEFAULT_COLOURS = ("#b7dfb9", "#ffe08a", "#f4a6a6")


def default_levels(axis: str, size: int) -> list[Level]:
    """Named levels for the 4-step scales, numbered ones for other sizes."""
    if size == DEFAULT_SIZE and axis == Axis.PROBABILITY:
        labels = [_("Very low"), _("Low"), _("High"), _("Very high")]
    elif size == DEFAULT_SIZE:
        labels = [_("Negligible"), _("Minor"), _("Serious"), _("Very serious")]
    else:
        labels = [_("Level %(n)s") % {"n": n} for n in range(1, size + 1)]
    return [Level(n, label) for n, label in enumerate(labels, start=1)]


def default_bands(size: int) -> list[Band]:
    """Low, medium and high; for 4 × 4 exactly 1–3, 4–8 and 9–16, other sizes in proportion."""
    top = size * size
    low_max = max(1, round(top * 3 / 16))
    medium_max = max(low_max + 1, round(top * 8 / 16))
    return [
        Band(1, low_max, _("Low"), DEFAULT_COLOURS[0]),
        Band(low_max + 1, medium_max, _("Medium"), DEFAULT_COLOURS[1]),
        Band(medium_max + 1, top, _("High"), DEFAULT_COLOURS[2]),
    ]


def default_matrix(size: int = DEFAULT_SIZE) -> Matrix:
    return Matrix(
        size=size,
        probability=default_levels(Axis.PROBABILITY, size),
        consequence=default_levels(Axis.CONSEQUENCE, size),
        bands=default_bands(size),
    )


def matrix_of(organisation) -> Matrix:
    """The organisation's matrix, or the default when none is stored (one query, or three)."""
    stored = (
        RiskMatrix.objects.filter(organisation=organisation)
        .prefetch_related("levels", "bands")
        .first()
    )
    if stored is None:
        return default_matrix()
    levels = list(stored.levels.all())
    return Matrix(
        size=stored.size,
        probability=[
            Level(lv.value, lv.label, lv.description)
            for lv in levels
            if lv.axis == Axis.PROBABILITY
        ],
        consequence=[
            Level(lv.value, lv.label, lv.description)
            for lv in levels
            if lv.axis == Axis.CONSEQUENCE
        ],
        bands=[Band(b.min_value, b.max_value, b.label, b.colour) for b in stored.bands.all()],
        version=stored.version,
    )


# --- writes --------------------------------------------------------------------------------


def _matrix_summary(matrix: Matrix) -> dict[str, object]:
    return {
        "size": matrix.size,
        "probability": "; ".join(str(level) for level in matrix.probability),
        "consequence": "; ".join(str(level) for level in matrix.consequence),
        "bands": "; ".join(f"{band} ({band.colour})" for band in matrix.bands),
    }


def _matrix_checks(organisation, size: int, levels: dict[Axis, list[Level]], bands) -> None:
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValidationError(
            {
                "size": _("The matrix has between %(min)s and %(max)s levels.")
                % {"min": MIN_SIZE, "max": MAX_SIZE}
            }
        )
    for axis, axis_levels in levels.items():
        if sorted(level.value for level in axis_levels) != list(range(1, size + 1)) or not all(
            level.label.strip() for level in axis_levels
        ):
            raise ValidationError(
                _("Give every level of %(axis)s, 1 to %(size)s, a label.")
                % {"axis": Axis(axis).label.lower(), "size": size}
            )
    _band_checks(bands, size * size)
    used = Risk.objects.filter(plan__unit__organisation=organisation).filter(
        Q(probability__gt=size) | Q(consequence__gt=size)
    )
    if used.exists():
        raise ValidationError(
            {
                "size": _(
                    "Risks are already rated above level %(size)s; change them before the "
                    "matrix gets fewer levels."
                )
                % {"size": size}
            }
        )


def _band_checks(bands: list[Band], top: int) -> None:
    if not bands:
        raise ValidationError(_("Give the matrix at least one band."))
    expected = 1
    for band in sorted(bands, key=lambda b: b.min_value):
        if not band.label.strip():
            raise ValidationError(_("Give every band a label."))
        if not COLOUR.match(band.colour or ""):
            raise ValidationError(
                _("%(colour)s is not a colour; write it as #rrggbb.") % {"colour": band.colour}
            )
        if band.min_value != expected or band.max_value < band.min_value:
            break
        expected = band.max_value + 1
    if expected != top + 1:
        raise ValidationError(
            _(
                "The bands must cover every risk value from 1 to %(max)s, each value once, "
                "without gaps."
            )
            % {"max": top}
        )


@transaction.atomic
def matrix_save(
    *,
    organisation,
    size: int,
    probability: list[Level],
    consequence: list[Level],
    bands: list[Band],
    expected_version: int | None,
    by,
) -> RiskMatrix:
    """Store the organisation's matrix: its size, both scales and the bands, all at once."""
    levels = {Axis.PROBABILITY: probability, Axis.CONSEQUENCE: consequence}
    _matrix_checks(organisation, size, levels, bands)
    stored = RiskMatrix.objects.filter(organisation=organisation).first()
    if stored is None:
        before = {}
        stored = RiskMatrix.objects.create(organisation=organisation, size=size)
        action = HistoryAction.CREATE
    else:
        before = _matrix_summary(matrix_of(organisation))
        stored.size = size
        save_versioned(stored, expected_version=expected_version or 0, fields=("size",))
        action = HistoryAction.UPDATE
    stored.levels.all().delete()
    stored.bands.all().delete()
    MatrixLevel.objects.bulk_create(
        MatrixLevel(
            matrix=stored,
            axis=axis,
            value=level.value,
            label=level.label.strip(),
            description=level.description.strip(),
        )
        for axis, axis_levels in levels.items()
        for level in axis_levels
    )
    RiskBand.objects.bulk_create(
        RiskBand(
            matrix=stored,
            min_value=band.min_value,
            max_value=band.max_value,
            label=band.label.strip(),
            colour=band.colour.lower(),
        )
        for band in bands
    )
    history_record(
        obj=stored,
        action=action,
        actor=by,
        organisation=organisation,
        before=before,
        after=_matrix_summary(matrix_of(organisation)),
    )
    return stored
