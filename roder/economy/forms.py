from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.formatting import number
from roder.core.forms import VersionField
from roder.core.xlsx import check_size
from roder.economy.ledger import SIGN_LEDGER, SIGN_POSITIVE, Mapping
from roder.economy.models import ActivityColumn, CategoryKind, LineKind
from roder.economy.money import parse_amount

SCALE_CHOICES = [("mkr", _("million kr")), ("tkr", _("thousand kr")), ("kr", _("kr"))]


class AmountField(forms.CharField):
    """An amount in kronor as people type it: '29 700 000', '1234,50', '-500'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        amount = parse_amount(text)
        if amount is None:
            raise forms.ValidationError(_("Enter an amount in kronor, e.g. 29 700 000."))
        return amount


def amount_text(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    decimals = 0 if amount == amount.to_integral_value() else 2
    return number(amount, decimals).replace("\u00a0", " ")


class CategoryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CategoryKind.choices)
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=200)
    activity_column = forms.ChoiceField(
        label=_("Column in the table per activity"), choices=ActivityColumn.choices
    )
    accounts = forms.CharField(
        label=_("Accounts"),
        max_length=300,
        required=False,
        help_text=_("Account numbers or ranges of the ledger, e.g. 30-31, 3411."),
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32000, initial=0)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    version = VersionField(required=False)


class ActivityForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=10, help_text=_("For example 14."))
    name = forms.CharField(label=_("Name"), max_length=200)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    version = VersionField(required=False)


class EntryChoiceForm(forms.Form):
    """What the entry page edits: the unit's lines of one kind, year, period and activity."""

    kind = forms.ChoiceField(label=_("Kind"), choices=LineKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Empty: the whole year (budget, final accounts, plan). An outcome at a period is "
            "accumulated to the period's end; a prognosis at a period is the year-end "
            "prognosis given then."
        ),
    )
    activity = forms.TypedChoiceField(
        label=_("Activity"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, periods, activities, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.pk: p for p in periods}
        self.activities = {a.pk: a for a in activities}
        self.fields["kind"].choices = [(k, LineKind(k).label) for k in kinds]
        self.fields["period"].choices = [("", "—")] + [
            (p.pk, f"{p.name} ({p.get_status_display().lower()})") for p in periods
        ]
        self.fields["activity"].choices = [("", _("No activity"))] + [
            (a.pk, str(a)) for a in activities
        ]

    def chosen(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "year": data["year"],
            "period": self.periods.get(data["period"]),
            "activity": self.activities.get(data["activity"]),
        }


class EntryForm(forms.Form):
    """One amount per row of `selectors.entry_rows`, with the line's version."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[row.key] = AmountField(
                label=row.label, initial=amount_text(row.line.amount if row.line else None)
            )
            self.fields[f"{row.key}-version"] = forms.IntegerField(
                widget=forms.HiddenInput,
                required=False,
                min_value=0,
                initial=row.line.version if row.line else 0,
            )

    def pairs(self):
        """(row, amount field, version field) for the template."""
        return [(row, self[row.key], self[f"{row.key}-version"]) for row in self.rows]

    def changes(self) -> list[tuple]:
        """(category, column, amount, version) for every row whose amount was touched."""
        result = []
        for row in self.rows:
            amount = self.cleaned_data[row.key]
            before = row.line.amount if row.line else None
            if amount == before:
                continue
            version = self.cleaned_data[f"{row.key}-version"]
            result.append((row.category, row.column, amount, version or 0))
        return result


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Ledger export"),
        help_text=_(
            "CSV (semicolon, comma or tab separated) or Excel (.xlsx), as Agresso/Unit4, "
            "Raindance or Visma write it; the first row holds the column names."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload.size)  # before the file is read
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class MappingForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit (ansvar, kostnadsställe)"), coerce=int)
    category = forms.TypedChoiceField(
        label=_("Account category or account"),
        coerce=int,
        help_text=_("A category's code or name, or an account number within its accounts."),
    )
    activity = forms.TypedChoiceField(
        label=_("Activity (verksamhet)"), coerce=int, required=False, empty_value=None
    )
    date = forms.TypedChoiceField(
        label=_("Date or accounting period"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Every row's date must lie in the year (and within the period, if chosen)."),
    )
    amount = forms.TypedChoiceField(label=_("Amount"), coerce=int)
    sign = forms.ChoiceField(
        label=_("Signs"),
        choices=[
            (SIGN_LEDGER, _("As the ledger writes them: costs positive, incomes negative")),
            (SIGN_POSITIVE, _("Incomes and costs both positive")),
        ],
        initial=SIGN_LEDGER,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(label=_("The amounts are"), choices=LineKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Empty: the whole year. With a period, the outcome to date at its end."),
    )

    def __init__(self, *args, headers, periods, guess=None, **kwargs):
        guess = guess or {}
        initial = {name: value for name, value in guess.items() if value is not None}
        initial.setdefault("kind", LineKind.OUTCOME)
        initial.setdefault("year", timezone.localdate().year)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        columns = [
            (n, header or _("Column %(number)s") % {"number": n + 1})
            for n, header in enumerate(headers)
        ]
        for name in ("unit", "category", "amount"):
            self.fields[name].choices = [("", "—"), *columns]
        for name in ("activity", "date"):
            self.fields[name].choices = [("", _("Not in the file")), *columns]
        self.fields["period"].choices = [("", "—")] + [
            (p.pk, f"{p.name} ({p.get_status_display().lower()})") for p in periods
        ]

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name in ("unit", "category", "activity", "date", "amount")]
        chosen = [c for c in chosen if c is not None]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Choose a different column for each field."))
        return data

    def mapping(self) -> Mapping:
        data = self.cleaned_data
        return Mapping(
            unit=data["unit"],
            category=data["category"],
            amount=data["amount"],
            activity=data["activity"],
            date=data["date"],
            kind=data["kind"],
            year=data["year"],
            period_id=data["period"],
            sign=data["sign"],
        )
