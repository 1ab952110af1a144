"""Failures come out as one ApiError with the server's problem details, or words for what broke."""

from __future__ import annotations

import socket
import time

import pytest

from hitrecord_desktop.api import ApiError, PlatformClient
from tests.api.conftest import MakeClient
from tests.support.cutting_proxy import CuttingProxy
from tests.support.live_server import LiveServer


def test_a_422_names_the_fields(api_server: LiveServer) -> None:
    with PlatformClient(api_server.url) as client, pytest.raises(ApiError) as caught:
        client.register("x!", "short")
    error = caught.value
    assert (error.status, error.type, error.title) == (422, "validation-error", "Invalid request")
    fields = error.field_messages()
    assert set(fields) == {"body.username", "body.password"}
    assert all(fields.values())
    assert "body.password" in str(error)
    assert error.instance == "/api/v1/auth/register"
    assert not error.is_network_error and not error.is_auth_error


def test_a_422_from_our_own_checks_names_the_field(client: PlatformClient) -> None:
    with pytest.raises(ApiError) as caught:
        client.create_challenge("Needs a role", "", [], "audio")
    assert caught.value.status == 422
    assert [e.field for e in caught.value.errors] == ["body.roles"]


def test_not_found_and_sign_in_required(api_server: LiveServer) -> None:
    with PlatformClient(api_server.url) as client:
        with pytest.raises(ApiError) as missing:
            client.get_challenge(2_000_000_000)
        assert (missing.value.status, missing.value.type) == (404, "not-found")
        assert "2000000000" in str(missing.value)

        with pytest.raises(ApiError) as anonymous:
            client.create_challenge("t", "b", ["vocals"], "audio")
        assert anonymous.value.is_auth_error


def test_forbidden_when_not_the_author(make_client: MakeClient) -> None:
    author, other = make_client(), make_client()
    challenge = author.create_challenge("Mine", "", ["music"], "audio")
    with pytest.raises(ApiError) as caught:
        other.update_challenge(challenge.id, title="Yours now")
    assert (caught.value.status, caught.value.type) == (403, "forbidden")


def test_nobody_listening_is_a_network_error_naming_the_server() -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    client = PlatformClient(f"http://127.0.0.1:{port}", retries=0)
    with client, pytest.raises(ApiError) as caught:
        client.health()
    error = caught.value
    assert error.status is None and error.type == "network-error" and error.is_network_error
    assert f"127.0.0.1:{port}" in str(error)
    assert "connection" in str(error)
    assert isinstance(error.__cause__, Exception)  # the transport error stays chained for logs


def test_a_server_that_never_answers_is_a_timeout() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # the kernel accepts; nobody ever answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        client = PlatformClient(url, timeout=(1.0, 0.3), retries=0)
        with client, pytest.raises(ApiError) as caught:
            client.health()
        assert time.monotonic() - started < 2
    assert caught.value.type == "timeout" and caught.value.is_network_error
    assert str(caught.value).startswith("The HitRecord server at 127.0.0.1:")
    assert "did not answer in time" in str(caught.value)


def test_client_side_argument_mistakes_are_python_errors(client: PlatformClient) -> None:
    with pytest.raises(TypeError):
        client.update_challenge(1, colour="red")
    with pytest.raises(ValueError):
        client.create_contribution("0" * 32, 1, "t", "vocals", [], idempotency_key="has space")


def test_a_captive_portal_page_instead_of_json_is_a_bad_response(
    make_client: MakeClient, proxy: CuttingProxy
) -> None:
    """Hotel Wi-Fi answers 200 with its own HTML page: not a crash, an error in words."""
    client = make_client(proxy.url, signed_in=False, retries=0)
    proxy.answer_with(200, reason="OK")
    with pytest.raises(ApiError) as caught:
        client.list_challenges()
    error = caught.value
    assert (error.type, error.status) == ("bad-response", 200)
    assert "cannot read" in str(error) and "not JSON" in str(error)
