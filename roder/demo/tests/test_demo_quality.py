import pytest
from django.urls import reverse
from django.utils import translation

from roder.accounts.models import User
from roder.demo.personas import DEMO_PASSWORD
from roder.demo.quality import GOOD_EXAMPLES, SCORES
from roder.demo.testing import restore_demo
from roder.organisation.access import grants_for
from roder.quality.documents import entry_document, evaluation_document
from roder.quality.evaluations import selectors
from roder.quality.models import Entry, Evaluation, FindingAction, FindingKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    with translation.override("en"):
        restore_demo()
        yield


def _evaluation():
    return Evaluation.objects.get(unit__organisation__slug="upplands-vasby")


def test_the_kommunkompassen_evaluation_totals_499_of_800(demo):
    view = selectors.evaluation_view(_evaluation())
    assert [v.score for v in view.areas] == list(SCORES.values())
    assert (view.total, view.maximum) == (499, 800)


def test_it_holds_the_seeds_findings_and_good_examples(demo):
    evaluation = _evaluation()
    findings = evaluation.findings
    assert findings.filter(kind=FindingKind.STRENGTH, area__number=1).count() == 7
    assert findings.filter(
        kind=FindingKind.IMPROVEMENT, text__startswith="Kommunen utnyttjar i väldigt liten grad"
    ).exists()
    examples = findings.filter(kind=FindingKind.GOOD_EXAMPLE)
    assert sorted(examples.values_list("municipality", flat=True)) == sorted(
        m for _a, _s, m, _t in GOOD_EXAMPLES
    )
    assert evaluation.narratives.exclude(text="").count() == 33  # areas 1–6: 4+6+5+6+6+6
    link = FindingAction.objects.get(finding__evaluation=evaluation)
    assert link.finding.area.number == 6 and link.action.status == "ongoing"


def test_the_reference_average_is_left_empty(demo):
    evaluation = _evaluation()
    series = evaluation.framework.reference_series.get()
    assert not series.values.exists()


def test_the_entry_answers_questions_1_to_15(demo):
    entry = Entry.objects.get(unit__code="SF-EA")
    answered = sorted(a.question.number for a in entry.answers.exclude(text=""))
    assert answered == list(range(1, 16))
    assert "NKI" in entry.answers.get(question__number=5).text


def test_the_reports_build_from_the_demo(demo):
    evaluation = _evaluation()
    grants = grants_for(User.objects.get(username="admin"), evaluation.unit.organisation)
    document = evaluation_document(evaluation, grants=grants)
    labels = [h.label for h in document.headings]
    assert labels[0] == "1 What is KommunKompassen?"
    assert "3.1 Offentlighet och demokrati" in labels
    total = document.tables[0].rows[-1]
    assert [c.text for c in total] == ["Total", "499", "800"]
    assert any(block.kind == "chart" for block in document.blocks)
    entry = Entry.objects.get(unit__code="SF-EA")
    entry = entry_document(entry, grants=grants_for(grants.user, entry.unit.organisation))
    assert "Feedback report" in [h.text for h in entry.headings]


@pytest.mark.parametrize("username", ["controller", "lasare", "admin"])
def test_the_demo_pages_open(demo, client, username):
    client.login(username=username, password=DEMO_PASSWORD)
    evaluation = _evaluation()
    for name in ("evaluation_detail", "evaluation_compare", "evaluation_report"):
        path = reverse(f"quality:{name}", kwargs={"org": "upplands-vasby", "pk": evaluation.pk})
        assert client.get(path).status_code == 200, name


def test_the_entry_quotes_the_units_survey_figures_from_roder(demo):
    """Questions 5 and 14 ask for results: seed 001's NKI, share of satisfied customers and
    Nöjd medarbetarindex are the unit's indicators, and the answers quote them."""
    entry = Entry.objects.get(unit__code="SF-EA")
    customers = entry.answers.get(question__number=5).text
    assert "Nöjd-Kund-Index (NKI) – 2011: 67, 2010: 67" in customers
    assert "Andel nöjda kunder – 2011: 82 %, 2010: 80 %, 2009: 73 %" in customers
    employees = entry.answers.get(question__number=14).text
    assert "Nöjd medarbetarindex (NMI) – 2011: 72, 2010: 76, 2009: 72" in employees
