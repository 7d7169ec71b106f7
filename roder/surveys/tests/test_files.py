"""The questionnaire file and the shipped questionnaires: import, export, the checks, the lock."""

import copy
import json

import pytest
from django.core.exceptions import ValidationError

from roder.core.models import HistoryEntry
from roder.surveys import files, services
from roder.surveys.models import Question, Questionnaire, QuestionnaireStatus
from roder.surveys.shipped import HME, SHIPPED

pytestmark = pytest.mark.django_db


def shipped(code: str) -> Questionnaire:
    return Questionnaire.objects.get(organisation=None, code=code)


def test_it_ships_five_questionnaires_once_and_in_use():
    assert Questionnaire.objects.filter(organisation=None).count() == len(SHIPPED) == 5
    assert files.install_shipped() == 0
    assert not Questionnaire.objects.filter(organisation=None).exclude(status="in_use").exists()


def test_hme_has_nine_statements_on_1_to_5_and_three_sub_indices():
    hme = shipped("hme")
    questions = list(hme.questions.order_by("number"))
    assert len(questions) == 9
    assert {(q.kind, q.scale_max) for q in questions} == {("likert", 5)}
    assert questions[0].text == "Mitt arbete känns meningsfullt."
    assert questions[0].low_label == "Stämmer mycket dåligt"
    indices = {
        i.code: [q.number for q in i.questions.order_by("number")] for i in hme.indices.all()
    }
    assert indices == {
        "hme": list(range(1, 10)),
        "hme_motivation": [1, 2, 3],
        "hme_ledarskap": [4, 5, 6],
        "hme_styrning": [7, 8, 9],
    }


def test_nki_is_labelled_an_unweighted_approximation():
    nki = shipped("nki")
    assert [q.scale_max for q in nki.questions.all()] == [10, 10, 10]
    assert all(q.dont_know for q in nki.questions.all())
    assert "approximation" in nki.description
    assert nki.indices.get().name == "NKI (ovägd approximation)"


def test_seed_000s_checklists():
    work = shipped("arbetsmiljo-checklista")
    assert [(q.text, q.scale_max, q.low_label, q.high_label) for q in work.questions.all()] == [
        ("Jag kan få avlastning när jag behöver.", 6, "Stämmer inte alls", "Stämmer helt"),
        ("Jag kan ta ledigt om jag behöver.", 6, "Stämmer inte alls", "Stämmer helt"),
    ]
    follow_up = shipped("uppfoljning-checklista")
    first = follow_up.questions.first()
    assert first.kind == "single"
    assert [c.label for c in first.choices.all()] == ["Helt", "Delvis", "Inte alls"]


def test_seed_001s_customer_survey_areas():
    customer = shipped("kundenkat")
    names = [i.name for i in customer.indices.order_by("pk")]
    assert names[:4] == ["Tillgänglighet", "Information", "Bemötande", "Effektivitet"]
    assert customer.questions.filter(kind="text").count() == 1


def test_export_and_import_round_trip(world):
    source = shipped("hme")
    imported = services.questionnaire_import(
        organisation=world.organisation, raw=files.export_json(source).encode(), by=world.admin
    )
    assert imported.organisation == world.organisation
    assert imported.status == QuestionnaireStatus.DRAFT
    assert files.export_data(imported) == files.export_data(source)
    assert HistoryEntry.objects.filter(object_id=imported.pk, action="create").exists()
    # The same version again is refused, in Swedish, and nothing is written.
    before = Questionnaire.objects.count()
    with pytest.raises(ValidationError) as error:
        services.questionnaire_import(
            organisation=world.organisation, raw=files.export_json(source), by=world.admin
        )
    assert "har redan" in error.value.messages[0]
    assert Questionnaire.objects.count() == before


def test_every_shipped_questionnaire_passes_its_own_check():
    for data in SHIPPED:
        assert files.check_data(json.loads(json.dumps(data))) == []


def _broken(change) -> dict:
    data = copy.deepcopy(HME)
    change(data)
    return data


def _q(data, n=0):
    return data["groups"][0]["questions"][n]


BROKEN = [
    (lambda d: d.update(format="roder-framework"), "inte en Roder-enkätfil"),
    (lambda d: d.pop("groups"), "saknas"),
    (lambda d: d.update(groups=[]), "minst en frågegrupp"),
    (lambda d: _q(d).update(scale_max=7), "5, 6 eller 10"),
    (lambda d: _q(d).update(kind="grid"), "kind"),
    (lambda d: _q(d).update(low_label=""), "low_label"),
    (lambda d: _q(d, 1).update(code=_q(d)["code"]), "används två gånger"),
    (lambda d: _q(d).update(positive_steps=5), "positive_steps"),
    (lambda d: d["indices"][0]["questions"].append("okand"), "okand"),
    (lambda d: _q(d).update(text="a\x00b"), "styrtecken"),
    (lambda d: _q(d).update(kind="single", choices=["Ja"]), "minst två"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_a_broken_file_is_refused_in_swedish_and_writes_nothing(world, change, message):
    before = (Questionnaire.objects.count(), Question.objects.count())
    with pytest.raises(ValidationError) as error:
        services.questionnaire_import(
            organisation=world.organisation, raw=json.dumps(_broken(change)), by=world.admin
        )
    assert any(message in text for text in error.value.messages), error.value.messages
    assert (Questionnaire.objects.count(), Question.objects.count()) == before


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"{not json", b"[]", b"x" * 1_000_001])
def test_not_a_questionnaire_file(world, raw):
    with pytest.raises(ValidationError):
        services.questionnaire_import(organisation=world.organisation, raw=raw, by=world.admin)


def test_a_questionnaire_in_use_is_never_changed_copy_makes_a_new_version(world):
    source = shipped("hme")
    with pytest.raises(ValidationError) as error:
        services.check_changeable(source)
    assert "ny version" in error.value.messages[0]
    draft = services.questionnaire_copy(
        source=source, organisation=world.organisation, by=world.admin
    )
    services.check_changeable(draft)  # a draft may change
    again = services.questionnaire_copy(
        source=source, organisation=world.organisation, by=world.admin
    )
    assert (draft.version_label, again.version_label) == ("SKR", "SKR (2)")
    services.questionnaire_take_into_use(questionnaire=draft, by=world.admin)
    draft.refresh_from_db()
    assert draft.status == QuestionnaireStatus.IN_USE
    with pytest.raises(ValidationError):
        services.check_changeable(draft)
