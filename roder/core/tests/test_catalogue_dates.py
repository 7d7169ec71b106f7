"""Roder's Swedish catalogue is read before Django's: a msgid of ours that is also one of
Django's month or day names (English "May" is a month and a verb) would rename it on every date.
"""

import datetime

from django.utils import formats, translation

MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip
DAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]


def test_month_and_day_names_stay_djangos():
    with translation.override("sv"):
        for number, name in enumerate(MONTHS, start=1):
            assert formats.date_format(datetime.date(2026, number, 1), "F") == name
        monday = datetime.date(2026, 11, 30)
        for offset, name in enumerate(DAYS):
            day = monday + datetime.timedelta(days=offset)
            assert formats.date_format(day, "l") == name
