"""The minimum group size with complementary suppression (core.disclosure): examples, and
generated trees on which no hidden result can be worked out from what is shown."""

from fractions import Fraction
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from roder.core.disclosure import (
    DEFAULT_MINIMUM,
    Group,
    Reason,
    minimum_group_size,
    suppress,
)

SMALL, COMPLEMENT = Reason.SMALL, Reason.COMPLEMENT


def test_it_shows_every_group_that_is_large_enough_or_empty():
    groups = [Group("F", 12), Group("A", 5, "F"), Group("B", 7, "F"), Group("C", 0, "F")]
    assert suppress(groups, minimum=5) == {}


def test_it_hides_a_lone_respondent_and_the_next_smallest_sibling():
    # The issue's case: the branch's mean and the siblings' would give the lone answer away.
    groups = [
        Group("F", 14),
        Group("A", 1, "F"),
        Group("B", 7, "F"),
        Group("C", 6, "F"),
        Group("D", 0, "F"),  # adds nothing, so hiding it would protect nothing
    ]
    assert suppress(groups, minimum=5) == {"A": SMALL, "C": COMPLEMENT}


def test_it_takes_the_first_of_equally_small_siblings():
    groups = [Group("F", 13), Group("A", 1, "F"), Group("B", 6, "F"), Group("C", 6, "F")]
    assert suppress(groups, minimum=5) == {"A": SMALL, "B": COMPLEMENT}


def test_two_small_siblings_protect_each_other():
    groups = [Group("F", 16), Group("A", 1, "F"), Group("B", 3, "F"), Group("C", 12, "F")]
    assert suppress(groups, minimum=5) == {"A": SMALL, "B": SMALL}


def test_it_checks_every_addition_a_small_group_is_part_of():
    # F = A + E is as small as A; K = F + G would then give F (and A) away, so G goes too.
    groups = [
        Group("K", 10),
        Group("F", 2, "K"),
        Group("A", 2, "F"),
        Group("E", 0, "F"),
        Group("G", 8, "K"),
    ]
    assert suppress(groups, minimum=5) == {"A": SMALL, "F": SMALL, "G": COMPLEMENT}


def test_it_hides_the_total_when_no_sibling_can_protect_a_group():
    # Only when the parts given do not cover the total (answers not broken down by unit).
    groups = [Group("F", 9), Group("A", 2, "F"), Group("E", 0, "F")]
    assert suppress(groups, minimum=5) == {"A": SMALL, "F": COMPLEMENT}


def test_a_hidden_branch_hides_one_of_its_own_parts_too():
    # B is the complement of A; B = B1 + B2 would otherwise give B (and then A) away.
    groups = [
        Group("F", 23),
        Group("A", 2, "F"),
        Group("B", 12, "F"),
        Group("B1", 5, "B"),
        Group("B2", 7, "B"),
        Group("C", 9, "F"),
    ]
    assert suppress(groups, minimum=5) == {"A": SMALL, "C": COMPLEMENT}
    groups[-1] = Group("C", 15, "F")
    assert suppress(groups, minimum=5) == {"A": SMALL, "B": COMPLEMENT, "B1": COMPLEMENT}


def test_an_addition_without_its_total_constrains_nothing():
    groups = [Group("A", 2, "missing"), Group("B", 9, "missing")]
    assert suppress(groups, minimum=5) == {"A": SMALL}


def test_it_reads_the_organisations_setting_with_a_floor():
    assert minimum_group_size(SimpleNamespace(minimum_group_size=8)) == 8
    assert minimum_group_size(SimpleNamespace(minimum_group_size=1)) == 3
    assert minimum_group_size(SimpleNamespace()) == DEFAULT_MINIMUM == 5


# --- generated trees -----------------------------------------------------------------------

SCALE = 5  # scores 1..5, as a self-assessment's default scale


@st.composite
def trees(draw):
    """A forest of up to 25 groups: leaves with respondents and the sum of their scores; every
    inner group adds up its children exactly (own answers are a leaf child, as callers do)."""
    size = draw(st.integers(1, 25))
    parents = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) for i in range(1, size)]
    counts, totals = [0] * size, [0] * size
    inner = {parent for parent in parents if parent is not None}
    for index in reversed(range(size)):
        if index not in inner:
            counts[index] = draw(st.sampled_from([0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12]))
            totals[index] = draw(st.integers(counts[index], counts[index] * SCALE))
        if parents[index] is not None:
            counts[parents[index]] += counts[index]
            totals[parents[index]] += totals[index]
    groups = [Group(index, counts[index], parents[index]) for index in range(size)]
    return groups, totals, draw(st.integers(3, 7))


def additions(groups):
    terms = {}
    for group in groups:
        if group.parent is not None:
            terms.setdefault(group.parent, []).append(group.key)
    return terms


@settings(max_examples=150)
@given(trees())
def test_no_hidden_result_is_a_parent_minus_its_visible_children(tree):
    groups, totals, minimum = tree
    hidden = suppress(groups, minimum=minimum)
    for parent, terms in additions(groups).items():
        unknown = [key for key in [parent, *terms] if key in hidden]
        assert len(unknown) != 1, (groups, hidden, parent)
        if parent not in hidden:
            visible = sum(totals[key] for key in terms if key not in hidden)
            for key in unknown:  # the others hidden with it have respondents, so a sum > 0
                assert totals[parent] - visible != totals[key], (groups, hidden, key)


@settings(max_examples=100)
@given(trees())
def test_no_hidden_result_follows_from_all_the_additions_together(tree):
    """Stronger than one addition at a time: solve every addition at once (exact fractions) and
    no hidden group's total is determined by the shown ones."""
    groups, _totals, minimum = tree
    hidden = suppress(groups, minimum=minimum)
    unknowns = sorted(hidden)
    column = {key: index for index, key in enumerate(unknowns)}
    rows = []
    for parent, terms in additions(groups).items():
        row = [Fraction(0)] * len(unknowns)
        for key, sign in [(parent, 1), *((term, -1) for term in terms)]:
            if key in column:
                row[column[key]] += sign
        if any(row):
            rows.append(row)
    basis = _row_reduced(rows)
    for key in unknowns:
        target = [Fraction(int(index == column[key])) for index in range(len(unknowns))]
        assert any(_reduce(target, basis)), (groups, hidden, key)


def _row_reduced(rows):
    """An echelon basis of the rows' span: (pivot column, row) pairs."""
    basis = []
    for row in rows:
        row = _reduce(row, basis)
        pivot = next((i for i, value in enumerate(row) if value), None)
        if pivot is not None:
            basis.append((pivot, [value / row[pivot] for value in row]))
    return basis


def _reduce(row, basis):
    row = list(row)
    for pivot, base in basis:
        if row[pivot]:
            factor = row[pivot]
            row = [value - factor * b for value, b in zip(row, base, strict=True)]
    return row


@settings(max_examples=100)
@given(trees())
def test_it_hides_exactly_the_small_groups_and_only_complements_besides(tree):
    groups, _totals, minimum = tree
    hidden = suppress(groups, minimum=minimum)
    for group in groups:
        if 0 < group.count < minimum:
            assert hidden[group.key] == SMALL
        elif group.count == 0:
            assert group.key not in hidden
        else:
            assert hidden.get(group.key, COMPLEMENT) == COMPLEMENT
