"""The indicator source registry: the keys Roder has always had, the sources the apps register,
and the choices of Indicator.source taken from it."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from roder.followup.models import Outcome
from roder.indicators import sources
from roder.indicators.forms import IndicatorForm
from roder.indicators.models import Indicator, Measure, Source


def test_every_key_indicators_always_had_is_registered_in_its_order():
    keys = [source.key for source in sources.registered()]
    assert keys[: len(Source.values)] == Source.values


def test_the_apps_register_entry_by_hand_and_the_economy():
    manual, economy = sources.get("manual"), sources.get("economy")
    assert manual.by_hand and not manual.reserved and manual.read is None
    assert not economy.by_hand and economy.read is not None
    assert economy.can_fill(Indicator(measure=Measure.MSEK))
    assert not economy.can_fill(Indicator(measure=Measure.PERCENT))
    kolada = sources.get("kolada")  # the Kolada app fills the reserved key
    assert not kolada.reserved and not kolada.by_hand and kolada.read is not None
    survey = sources.get("survey")  # the surveys app fills the reserved key
    assert not survey.reserved and survey.read is not None
    assert not survey.can_fill(Indicator(source="manual"))
    assert sources.get("formula").reserved  # until formulas come


def test_indicator_and_outcome_sources_take_their_choices_from_the_registry():
    for field in (Indicator._meta.get_field("source"), Outcome._meta.get_field("source")):
        assert list(field.choices) == sources.choices()
    form = IndicatorForm(owners=[])
    assert list(form.fields["source"].choices) == sources.choices()


def test_a_key_is_registered_once_but_a_reserved_one_may_be_filled(monkeypatch):
    monkeypatch.setattr(sources, "_registry", dict(sources._registry))
    with pytest.raises(ImproperlyConfigured):
        sources.register(sources.IndicatorSource(key="economy", label="Other"))
    formula = sources.IndicatorSource(key="formula", label="Formel", read=lambda **kw: [])
    sources.register(formula)
    assert sources.get("formula") is formula
    assert formula in sources.for_indicator(Indicator(measure=Measure.PERCENT))


def test_an_unconnected_or_unknown_source_reads_nothing():
    with pytest.raises(ValidationError):
        sources.get("formula").values(indicators=[Indicator()], units=[], period=None)
    with pytest.raises(ValidationError):
        sources.get("horoscope")
