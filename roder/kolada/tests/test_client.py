"""The Kolada v3 client against a real local HTTP server (pytest-httpserver) in v3's shape."""

import datetime
import json
import re
import time
from decimal import Decimal

import pytest
from werkzeug import Request, Response

from roder.kolada.client import Client, KoladaError, chunks

KPI = {
    "id": "N00945",
    "title": "Invånare 0-19 år, andel (%)",
    "description": "Antal invånare 0-19 år dividerat med antal invånare totalt.",
    "is_divided_by_gender": True,
    "municipality_type": "K",
    "operating_area": "Befolkning",
    "publication_date": "2026-03-17",
    "publ_period": "2025",
    "has_ou_data": False,
}


def page(values, next_url=None):
    return {"values": values, "count": len(values), "next_url": next_url, "previous_url": None}


def value_item(kpi, municipality, year, *rows):
    return {"kpi": kpi, "municipality": municipality, "period": year, "values": list(rows)}


def row(gender, value, count=1, deleted=False):
    return {"gender": gender, "count": count, "status": "", "value": value, "isdeleted": deleted}


@pytest.fixture
def client(httpserver):
    waits: list[float] = []
    kolada = Client(httpserver.url_for("/v3"), sleep=waits.append, timeout=1.0)
    kolada.waits = waits
    yield kolada
    kolada.close()


def test_reads_a_kpi_with_its_dates_and_sends_roders_user_agent(httpserver, client):
    httpserver.expect_request("/v3/kpi/N00945").respond_with_json(page([KPI]))

    kpi = client.kpi("N00945")

    assert kpi is not None
    assert (kpi.id, kpi.is_divided_by_gender, kpi.publication_date) == (
        "N00945",
        True,
        datetime.date(2026, 3, 17),
    )
    request, _response = httpserver.log[0]
    assert request.headers["User-Agent"].startswith("Roder/")
    assert request.args["per_page"] == "5000"


def test_an_unknown_kpi_is_none_and_an_empty_answer_is_no_value_not_an_error(httpserver, client):
    httpserver.expect_request("/v3/kpi/N99999").respond_with_json(page([]))
    httpserver.expect_request("/v3/data/kpi/N00945/municipality/0114/year/2025").respond_with_json(
        page([])
    )

    assert client.kpi("N99999") is None
    assert client.values(["N00945"], ["0114"], [2025]) == []


def test_follows_next_url_over_several_pages_until_it_ends(httpserver, client):
    second = httpserver.url_for("/v3/municipality") + "?page=2&per_page=5000"
    # Kolada writes its own host into next_url; a mirror or test server is asked instead.
    third = "https://api.kolada.se/v3/municipality?page=3&per_page=5000"
    httpserver.expect_request("/v3/municipality", query_string="per_page=5000").respond_with_json(
        page([{"id": "0114", "title": "Upplands Väsby", "type": "K"}], second)
    )
    httpserver.expect_request(
        "/v3/municipality", query_string="page=2&per_page=5000"
    ).respond_with_json(page([{"id": "0180", "title": "Stockholm", "type": "K"}], third))
    httpserver.expect_request(
        "/v3/municipality", query_string="page=3&per_page=5000"
    ).respond_with_json(page([{"id": "0000", "title": "Riket", "type": "L"}], ""))

    found = client.municipalities()

    assert [m.id for m in found] == ["0114", "0180", "0000"]
    assert len(httpserver.log) == 3


def test_a_page_that_leads_back_is_an_error_not_a_loop(httpserver, client):
    again = httpserver.url_for("/v3/kpi") + "?page=2"
    httpserver.expect_request("/v3/kpi").respond_with_json(page([KPI], again))

    with pytest.raises(KoladaError, match="already read"):
        client.kpis()


def test_more_than_25_ids_are_split_into_requests_of_at_most_25(httpserver, client):
    municipalities = [f"{n:04d}" for n in range(1, 61)]  # 60 ids: 25 + 25 + 10

    def answer(request: Request) -> Response:
        ids = request.path.split("/municipality/")[1].split("/year/")[0].split(",")
        items = [value_item("N00945", m, 2025, row("T", 1.5)) for m in ids]
        return Response(json.dumps(page(items)), content_type="application/json")

    httpserver.expect_request(
        re.compile(r"^/v3/data/kpi/N00945/municipality/[0-9,]+/year/2025$")
    ).respond_with_handler(answer)

    values = client.values(["N00945"], municipalities, [2025])

    sizes = [
        len(request.path.split("/municipality/")[1].split("/")[0].split(","))
        for request, _ in httpserver.log
    ]
    assert sizes == [25, 25, 10]
    assert sorted(v.target for v in values) == municipalities
    assert list(chunks(["a", "b", "a"], 25)) == [["a", "b"]]


def test_429_is_retried_after_a_wait_then_succeeds(httpserver, client):
    path = "/v3/kpi/N00945"
    httpserver.expect_ordered_request(path).respond_with_data(
        "slow down", status=429, headers={"Retry-After": "2"}
    )
    httpserver.expect_ordered_request(path).respond_with_json(page([KPI]))

    assert client.kpi("N00945") is not None
    assert client.waits == [2.0]  # Retry-After is honoured over the 1 s first backoff


def test_500_three_times_gives_a_clear_error_after_backing_off(httpserver, client):
    httpserver.expect_request("/v3/kpi/N00945").respond_with_data("oops", status=500)

    with pytest.raises(KoladaError, match="500 on all 3 attempts"):
        client.kpi("N00945")
    assert len(httpserver.log) == 3
    assert client.waits == [1.0, 2.0]


def test_a_time_out_is_retried_and_then_reported(httpserver):
    def slow(_request: Request) -> Response:
        time.sleep(0.3)
        return Response(json.dumps(page([KPI])), content_type="application/json")

    httpserver.expect_request("/v3/kpi/N00945").respond_with_handler(slow)
    waits: list[float] = []
    kolada = Client(httpserver.url_for("/v3"), timeout=0.05, attempts=2, sleep=waits.append)
    with kolada, pytest.raises(KoladaError, match="in time after 2 attempts"):
        kolada.kpi("N00945")
    assert waits == [1.0]


def test_malformed_json_and_a_wrong_shape_are_errors(httpserver, client):
    httpserver.expect_request("/v3/kpi/N00001").respond_with_data(
        "{not json", content_type="application/json"
    )
    httpserver.expect_request("/v3/kpi/N00002").respond_with_json({"count": 0})
    httpserver.expect_request("/v3/kpi/N00003").respond_with_json(page([{"title": "no id"}]))

    with pytest.raises(KoladaError, match="not valid JSON"):
        client.kpi("N00001")
    with pytest.raises(KoladaError, match="no list of values"):
        client.kpi("N00002")
    with pytest.raises(KoladaError, match="expected shape"):
        client.kpi("N00003")


def test_a_4xx_is_not_retried(httpserver, client):
    httpserver.expect_request("/v3/kpi/N00945").respond_with_data("no", status=404)

    with pytest.raises(KoladaError, match="answered 404"):
        client.kpi("N00945")
    assert len(httpserver.log) == 1


def test_values_drop_deleted_rows_keep_null_as_missing_and_read_genders(httpserver, client):
    httpserver.expect_request(
        "/v3/data/kpi/N00945/municipality/0114/year/2024,2025"
    ).respond_with_json(
        page(
            [
                value_item(
                    "N00945",
                    "0114",
                    2024,
                    row("T", 24.1),
                    row("K", None),
                    row("M", 9, deleted=True),
                ),
                value_item("N00945", "0114", 2025, row("T", "24.35", count=3)),
            ]
        )
    )

    values = client.values(["N00945"], ["0114"], [2025, 2024, 2025])

    assert [(v.year, v.gender, v.value, v.count) for v in values] == [
        (2024, "T", Decimal("24.1"), 1),
        (2024, "K", None, 1),
        (2025, "T", Decimal("24.35"), 3),
    ]


def test_county_average_is_found_by_title_and_members_parse_both_shapes(httpserver, client):
    httpserver.expect_request(
        "/v3/municipality_groups", query_string="title=Stockholms&per_page=5000"
    ).respond_with_json(
        page(
            [
                {"id": "G00001", "title": "Stockholms läns landsting", "members": []},
                {
                    "id": "G124",
                    "title": "Stockholms läns kommuner (ovägt medel)",
                    "members": [
                        {"id": "0114", "title": "Upplands Väsby"},
                        {"member_id": "0180", "member_title": "Stockholm"},
                    ],
                },
            ]
        )
    )

    group = client.county_group("Stockholms")

    assert group is not None
    assert (group.id, group.members) == ("G124", ("0114", "0180"))


def test_ou_values_use_the_oudata_path(httpserver, client):
    httpserver.expect_request("/v3/oudata/kpi/U15011/ou/V15E011400201/year/2025").respond_with_json(
        page([{"kpi": "U15011", "ou": "V15E011400201", "period": 2025, "values": [row("T", 88)]}])
    )

    [value] = client.ou_values(["U15011"], ["V15E011400201"], [2025])

    assert (value.target, value.value) == ("V15E011400201", Decimal("88"))


def test_the_base_url_is_the_setting(settings, httpserver):
    settings.RODER_KOLADA_URL = httpserver.url_for("/mirror/v3/")
    httpserver.expect_request("/mirror/v3/kpi/N00945").respond_with_json(page([KPI]))

    with Client() as kolada:
        assert kolada.kpi("N00945") is not None
