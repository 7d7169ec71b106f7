"""The shared rate limiter: free attempts, growing waits, forgiveness, parallel attempts."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import timezone

from roder.core import ratelimit
from roder.core.models import RateLimit
from roder.core.ratelimit import RateLimited, Rule
from roder.testing import parallel_database

RULE = Rule("test", free=3, base=2, most=30, forgive=60)


def hit(key="k", rule=RULE):
    return ratelimit.hit(scope="test", keys=[(rule, key)])


def refused_seconds(key="k", rule=RULE):
    with pytest.raises(RateLimited) as refused:
        hit(key, rule)
    return refused.value.seconds


def time_passes(seconds):
    """Move every stored time back instead of sleeping."""
    for row in RateLimit.objects.all():
        row.last_at -= timedelta(seconds=seconds)
        row.next_allowed -= timedelta(seconds=seconds)
        row.save()


@pytest.mark.django_db
def test_it_lets_the_free_attempts_through_then_says_how_long_to_wait():
    for _ in range(3):
        hit()
    assert refused_seconds() == 2
    assert RateLimit.objects.get().count == 3  # the refused attempt was not counted
    hit("another key")


@pytest.mark.django_db
def test_it_doubles_the_wait_up_to_the_ceiling():
    for _ in range(3):
        hit()
    waits = []
    for _ in range(6):
        waits.append(refused_seconds())
        time_passes(waits[-1])
        hit()
    assert waits == [2, 4, 8, 16, 30, 30]


@pytest.mark.django_db
def test_it_forgives_one_attempt_per_quiet_interval():
    for _ in range(3):
        hit()
    time_passes(2 * 60)
    hit()  # 3 - 2 forgiven + 1 = 2 attempts: under the free three
    hit()
    assert refused_seconds() == 2


@pytest.mark.django_db
def test_it_refuses_when_any_key_must_wait():
    strict = Rule("strict", free=1, base=5, most=5, forgive=60)
    ratelimit.hit(scope="test", keys=[(strict, "a"), (RULE, "shared")])
    with pytest.raises(RateLimited):
        ratelimit.hit(scope="test", keys=[(strict, "a"), (RULE, "shared")])
    assert RateLimit.objects.get(key="shared").count == 1
    ratelimit.hit(scope="test", keys=[(strict, "b"), (RULE, "shared")])


@pytest.mark.django_db
def test_it_takes_back_a_successful_attempt_and_forgets_what_it_is_told():
    other = Rule("other", free=3, base=2, most=30, forgive=60)
    keys = [(RULE, "k"), (other, "k")]
    for _ in range(2):
        ratelimit.hit(scope="test", keys=keys)
    ratelimit.hit(scope="test", keys=keys).succeeded(forget=[other])
    assert list(RateLimit.objects.values_list("scope", "count")) == [("test:test", 2)]


@pytest.mark.django_db
def test_it_forgets_keys_unused_for_a_day():
    hit("old")
    time_passes(25 * 60 * 60)
    hit("new")
    assert list(RateLimit.objects.values_list("key", flat=True)) == ["new"]


@pytest.mark.django_db
def test_it_stores_an_overlong_key_hashed():
    hit("x" * 1000)
    assert RateLimit.objects.get().key.startswith("sha256:")


@pytest.mark.django_db(transaction=True)
def test_it_counts_twenty_parallel_attempts_one_after_another():
    rule = Rule("parallel", free=5, base=60, most=60, forgive=600)
    with parallel_database([RateLimit]) as run:
        results = run(lambda _index: hit("same", rule), 20)
        assert RateLimit.objects.get().count == 5
    allowed = [result for result in results if isinstance(result, ratelimit.Attempt)]
    refused = [result for result in results if isinstance(result, RateLimited)]
    assert (len(allowed), len(refused)) == (5, 15), results


def request(remote="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_it_takes_the_client_address_from_remote_addr(settings):
    settings.RODER_TRUSTED_PROXIES = []
    assert ratelimit.client_address(request(forwarded="198.51.100.1")) == "203.0.113.9"


def test_it_reads_x_forwarded_for_only_behind_a_trusted_proxy(settings):
    settings.RODER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    behind = request(remote="10.0.0.2", forwarded="198.51.100.1, 198.51.100.7, 10.0.0.3")
    # The client chose the first entry; the proxies added the rest.
    assert ratelimit.client_address(behind) == "198.51.100.7"
    assert ratelimit.client_address(request(remote="10.0.0.2", forwarded="junk")) == "10.0.0.2"
    assert ratelimit.client_address(request(forwarded="198.51.100.1")) == "203.0.113.9"


def test_it_counts_an_ipv6_client_by_its_64_network(settings):
    settings.RODER_TRUSTED_PROXIES = []
    assert ratelimit.client_address(request("2001:db8:1:2:3:4:5:6")) == "2001:db8:1:2::/64"
    assert ratelimit.client_address(request("::ffff:192.0.2.1")) == "192.0.2.1"


def test_it_fails_loudly_on_a_bad_trusted_proxy(settings):
    settings.RODER_TRUSTED_PROXIES = ["proxy.example.se"]
    with pytest.raises(ImproperlyConfigured):
        ratelimit.client_address(request())


def test_it_waits_at_most_the_ceiling_however_many_attempts():
    now = timezone.now()
    count = 0
    for _ in range(100):
        count = RULE.counted(count, now, now)
    assert RULE.wait(count) == 30
    assert count == 7  # 3 free + 2, 4, 8, 16 → the ceiling of 30 s is reached at the 7th
