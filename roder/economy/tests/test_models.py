import pytest

from roder.economy.models import AccountCategory, Activity, parse_account_ranges


def test_it_reads_account_ranges():
    assert parse_account_ranges("30-31, 3411; 45–46") == [
        ("30", "31"),
        ("3411", "3411"),
        ("45", "46"),
    ]
    assert parse_account_ranges("") == []
    for bad in ("3x", "31-30", "30-311", "-"):
        with pytest.raises(ValueError):
            parse_account_ranges(bad)


def test_the_most_specific_account_range_matches():
    category = AccountCategory(accounts="50-59, 6420")
    assert category.account_match("5010") == 2
    assert category.account_match("6420") == 4
    assert category.account_match("6421") == 0
    assert category.account_match("4") == 0


def test_activity_codes_sort_as_numbers():
    codes = ["130", "26", "14", "9", "X1"]
    assert sorted(codes, key=lambda code: Activity(code=code).sort_key) == [
        "9",
        "14",
        "26",
        "130",
        "X1",
    ]
