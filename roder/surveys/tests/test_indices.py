"""Survey arithmetic on answer counts worked out by hand (domain reference §3)."""

from fractions import Fraction

import pytest

from roder.core.disclosure import Reason, suppress
from roder.surveys.indices import (
    DONT_KNOW,
    Method,
    branch_groups,
    branch_key,
    index_result,
    own_key,
    question_result,
    rounded,
    scaled,
)


def test_scaled_maps_1_to_k_onto_0_to_100():
    assert [scaled(x, 5) for x in range(1, 6)] == [0, 25, 50, 75, 100]  # HME: (x − 1) × 25
    assert [scaled(x, 6) for x in (1, 4, 6)] == [0, 60, 100]
    assert scaled(8, 10) == Fraction(700, 9)  # 77.8
    with pytest.raises(ValueError):
        scaled(6, 5)


def test_a_1_to_5_question():
    # Answers 5, 4, 4, 3, 1, "vet ej", missing: n = 5, sum = 17, mean 3.4;
    # index (3.4 − 1) × 25 = 60; share positive (4 and 5): 3 of 5 = 60 %.
    result = question_result([5, 4, 4, 3, 1, DONT_KNOW, None], 5)
    assert result.distribution == {1: 1, 2: 0, 3: 1, 4: 2, 5: 1}
    assert (result.n, result.dont_know, result.missing) == (5, 1, 1)
    assert result.mean == Fraction(17, 5)
    assert result.index == 60
    assert result.share_positive() == Fraction(3, 5)
    assert result.share_positive(positive_steps=1) == Fraction(1, 5)


def test_a_1_to_6_question():
    # 6, 6, 5, 2: mean 19/4 = 4.75; index (4.75 − 1) × 20 = 75; top two (5, 6): 3 of 4.
    result = question_result([6, 6, 5, 2], 6)
    assert result.mean == Fraction(19, 4)
    assert result.index == 75
    assert result.share_positive() == Fraction(3, 4)


def test_a_1_to_10_question_nki_style():
    # 8, 7, 7, 10, "vet ej": mean 32/4 = 8; index (8 − 1) × 100 / 9 = 77.78 → 78.
    result = question_result([8, 7, 7, 10, DONT_KNOW], 10)
    assert result.mean == 8
    assert result.index == Fraction(700, 9)
    assert rounded(result.index) == 78
    assert rounded(result.index, 1) == Fraction(778, 10)
    assert result.share_positive() == Fraction(1, 4)  # only the 10 is in 9–10


def test_no_answers_on_the_scale_gives_no_figure():
    result = question_result([DONT_KNOW, None], 5)
    assert (result.n, result.mean, result.index, result.share_positive()) == (0, None, None, None)


@pytest.mark.parametrize("bad", [0, 6, True, "4", 2.5])
def test_a_value_outside_the_scale_is_refused(bad):
    with pytest.raises(ValueError):
        question_result([bad], 5)


def test_an_index_over_respondents_differs_from_the_mean_of_the_questions():
    scales = {"a": 5, "b": 5}
    answers = [
        {"a": 5, "b": 5},  # 100, 100 → 100
        {"a": 1},  # 0 → 0 (b missing)
        {"a": 3, "b": DONT_KNOW},  # 50 → 50 ("vet ej" never counts)
        {"b": None},  # answered nothing: not a respondent of the index
    ]
    # Over respondents: (100 + 0 + 50) / 3 = 50.
    over = index_result(answers, scales)
    assert (over.value, over.respondents, over.method) == (50, 3, Method.RESPONDENTS)
    # Mean of question indices: a = (100 + 0 + 50) / 3 = 50, b = 100 → 75.
    means = index_result(answers, scales, method=Method.QUESTIONS)
    assert means.value == 75


def test_with_every_answer_given_the_two_methods_agree_hme_style():
    scales = {f"q{i}": 5 for i in range(1, 10)}
    answers = [dict.fromkeys(scales, 4), dict.fromkeys(scales, 5), dict.fromkeys(scales, 2)]
    # Every question: (75 + 100 + 25) / 3 = 66.67.
    assert index_result(answers, scales).value == Fraction(200, 3)
    assert index_result(answers, scales, method=Method.QUESTIONS).value == Fraction(200, 3)


def test_an_index_of_mixed_scales():
    # A 1–10 answer 10 (100) and a 1–6 answer 1 (0) from one respondent: 50.
    assert index_result([{"x": 10, "y": 1}], {"x": 10, "y": 6}).value == 50


def test_an_index_with_no_respondents():
    assert index_result([{"a": DONT_KNOW}], {"a": 5}).value is None


# --- small groups --------------------------------------------------------------------------
#
# The tree: 1 (the administration) with 2 and 3 below; 2 has answers of its own (7), 3 has 2.


def test_a_unit_under_the_minimum_is_hidden_and_so_is_the_difference_that_gives_it_away():
    groups = branch_groups([(2, "/1/2/", 7), (3, "/1/3/", 2)])
    hidden = suppress(groups, minimum=5)
    # Unit 3 has fewer than 5: hidden. The branch 1 (9) = 2 (7) + 3 (2): with 1 and 2 shown,
    # 3 = 1 − 2, so the sibling 2 (the visible term with the fewest respondents) is hidden.
    assert hidden[own_key(3)] == Reason.SMALL
    assert hidden[branch_key(3)] == Reason.SMALL
    assert hidden[branch_key(2)] == Reason.COMPLEMENT
    assert branch_key(1) not in hidden


def test_with_two_siblings_at_or_over_the_minimum_everything_shows():
    groups = branch_groups([(2, "/1/2/", 7), (3, "/1/3/", 5)])
    assert suppress(groups, minimum=5) == {}


def test_the_minimum_is_the_organisations_setting():
    groups = branch_groups([(2, "/1/2/", 7), (3, "/1/3/", 5)])
    assert branch_key(3) in suppress(groups, minimum=6)


def test_an_only_child_under_the_minimum_hides_its_parent_too():
    # 1 has its own 10 answers and one unit 2 below with 3: branch 1 = own 1 + branch 2.
    groups = branch_groups([(1, "/1/", 10), (2, "/1/2/", 3)])
    hidden = suppress(groups, minimum=5)
    assert hidden[branch_key(2)] == Reason.SMALL
    # Showing the branch (13) and the unit's own (10) would give 3 away: own 1 is hidden.
    assert hidden[own_key(1)] == Reason.COMPLEMENT
    assert branch_key(1) not in hidden
