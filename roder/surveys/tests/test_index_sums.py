"""The sums the results add up over the unit tree give exactly the index over respondents, for
any split of the respondents into units (mixed scales, "don't know", missing answers)."""

from hypothesis import given
from hypothesis import strategies as st

from roder.surveys.indices import DONT_KNOW, Method, index_result, index_sums

SCALES = {"a": 5, "b": 6, "c": 10}


def answer(k):
    return st.one_of(st.integers(1, k), st.just(DONT_KNOW), st.none())


respondent = st.fixed_dictionaries({q: answer(k) for q, k in SCALES.items()})


@given(st.lists(st.lists(respondent, max_size=6), max_size=5))
def test_added_sums_are_the_index_over_all_respondents(units):
    everyone = [r for unit in units for r in unit]
    expected = index_result(everyone, SCALES)
    parts = [index_sums(unit, SCALES) for unit in units] or [index_sums([], SCALES)]
    added = parts[0]
    for part in parts[1:]:
        added = added.add(part)
    result = added.result()
    assert (result.value, result.respondents) == (expected.value, expected.respondents)
    assert result.method == Method.RESPONDENTS


def test_by_hand():
    # (4 − 1) × 25 = 75 and the mean of 0 (1 on 1–5) and 100 (6 on 1–6) = 50: (75 + 50) / 2
    sums = index_sums([{"a": 4}, {"a": 1, "b": 6, "c": DONT_KNOW}], SCALES)
    assert sums.result().value == 125 / 2
