"""Retries: idempotent requests ride out a short outage; plain POSTs are never sent twice."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from hitrecord_desktop.api import ApiError, Challenge, PlatformClient, upload_id_from_url
from tests.api.conftest import MakeClient
from tests.api.helpers import PASSWORD, unique_name, upload, write_take
from tests.support.cutting_proxy import CuttingProxy
from tests.support.live_server import LiveServer


def test_a_get_is_retried_through_a_short_outage(
    make_client: MakeClient, proxy: CuttingProxy
) -> None:
    client = make_client(proxy.url, signed_in=False, retries=3, backoff=0.3)
    proxy.go_offline(0.4)
    started = time.monotonic()
    assert client.health().status == "ok"
    assert proxy.refused >= 2  # the first try and at least one retry met the outage
    assert time.monotonic() - started < 3


def test_a_get_gives_up_after_its_retries(make_client: MakeClient, proxy: CuttingProxy) -> None:
    client = make_client(proxy.url, signed_in=False, retries=2, backoff=0.05)
    proxy.go_offline()
    with pytest.raises(ApiError) as caught:
        client.health()
    assert caught.value.is_network_error
    assert proxy.refused == 3  # one try and two retries


@pytest.mark.parametrize("call", ["register", "login", "create_challenge"])
def test_a_plain_post_is_never_retried(
    api_server: LiveServer, make_client: MakeClient, proxy: CuttingProxy, call: str
) -> None:
    name = unique_name()
    with PlatformClient(api_server.url) as direct:
        direct.register(name, PASSWORD)
        token = direct.login(name, PASSWORD).access_token
    client = make_client(proxy.url, signed_in=False, retries=3, backoff=0.05)
    client.token = token
    actions = {
        "register": lambda: client.register(unique_name(), PASSWORD),
        "login": lambda: client.login(name, PASSWORD),
        "create_challenge": lambda: client.create_challenge("t", "b", ["vocals"], "audio"),
    }
    proxy.go_offline()
    with pytest.raises(ApiError) as caught:
        actions[call]()
    assert caught.value.is_network_error
    assert proxy.refused == 1


def test_a_plain_post_meeting_a_503_is_not_retried_either(
    make_client: MakeClient, proxy: CuttingProxy
) -> None:
    client = make_client(proxy.url, signed_in=False, retries=3, backoff=0.05)
    proxy.answer_with(503, times=3, reason="Service Unavailable", retry_after=0)
    name = unique_name()
    with pytest.raises(ApiError) as caught:
        client.register(name, PASSWORD)
    assert caught.value.status == 503 and proxy.answered == 1
    # The name is still free: nothing reached the server.
    make_client(signed_in=False).register(name, PASSWORD)


def test_creating_a_contribution_is_retried_because_it_carries_an_idempotency_key(
    make_client: MakeClient, challenge: Challenge, proxy: CuttingProxy, tmp_path: Path
) -> None:
    direct = make_client()
    take = tmp_path / "take.flac"
    write_take(take, 10_000)
    upload_id = upload_id_from_url(upload(direct, take))
    client = make_client(proxy.url, signed_in=False, retries=3, backoff=0.3)
    client.token = direct.token
    proxy.go_offline(0.4)
    made = client.create_contribution(
        upload_id, challenge.id, "Through the outage", "vocals", [], idempotency_key="outage"
    )
    assert proxy.refused >= 1
    assert made.author == direct.me()


def test_a_lost_answer_to_create_contribution_is_replayed_not_duplicated(
    make_client: MakeClient, challenge: Challenge, proxy: CuttingProxy, tmp_path: Path
) -> None:
    """The request reaches the server, the answer is lost; the retry gets the same contribution."""
    direct = make_client()
    take = tmp_path / "take.flac"
    write_take(take, 10_000)
    upload_id = upload_id_from_url(upload(direct, take))
    client = make_client(proxy.url, signed_in=False, retries=3, backoff=0.05)
    client.token = direct.token
    proxy.cut_after(1, direction="down")  # the first byte of the answer never arrives
    made = client.create_contribution(
        upload_id, challenge.id, "Once only", "vocals", [], idempotency_key="lost-answer"
    )
    assert proxy.cuts == 1
    assert [c.id for c in direct.iter_contributions(challenge.id)] == [made.id]


def test_a_503_with_retry_after_from_a_proxy_is_waited_out(
    make_client: MakeClient, proxy: CuttingProxy
) -> None:
    client = make_client(proxy.url, signed_in=False, retries=3, backoff=0.01)
    proxy.answer_with(503, times=2, reason="Service Unavailable", retry_after=1)
    started = time.monotonic()
    assert client.health().status == "ok"
    assert proxy.answered == 2
    assert time.monotonic() - started >= 2  # Retry-After: 1, twice


def test_an_html_error_page_becomes_a_readable_api_error(
    make_client: MakeClient, proxy: CuttingProxy
) -> None:
    client = make_client(proxy.url, signed_in=False, retries=0)
    proxy.answer_with(502, reason="Bad Gateway")
    with pytest.raises(ApiError) as bad_gateway:
        client.health()
    error = bad_gateway.value
    assert (error.status, error.type, error.title) == (502, "internal-error", "Bad Gateway")
    assert "<html>" not in str(error) and "Try again" in str(error)

    proxy.answer_with(429, reason="Too Many Requests", retry_after=30)
    with pytest.raises(ApiError) as limited:
        client.list_challenges()
    assert (limited.value.type, limited.value.retry_after) == ("rate-limited", 30.0)
    assert "30 seconds" in str(limited.value)


def test_concurrent_calls_from_worker_threads_share_one_client(client: PlatformClient) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                client.me()
                client.list_challenges(limit=5)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
