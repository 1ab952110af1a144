"""Register, sign in, who am I, sign out - against the real server."""

from __future__ import annotations

import pytest

from hitrecord_desktop.api import ApiError, PlatformClient
from tests.api.helpers import PASSWORD, unique_name
from tests.support.live_server import LiveServer


def test_register_login_me_logout_and_the_token_is_dead_after(api_server: LiveServer) -> None:
    name = unique_name()
    with PlatformClient(api_server.url) as client:
        user = client.register(name.upper(), PASSWORD, display_name="Night Owl")
        assert user.username == name  # case-folded by the server
        assert user.display_name == "Night Owl"
        assert user.created_at.tzinfo is not None

        grant = client.login(name, PASSWORD)
        assert grant.token_type == "bearer"
        assert grant.expires_at is not None and grant.expires_at > user.created_at
        assert client.signed_in
        assert client.me() == user

        client.logout()
        assert not client.signed_in
        client.logout()  # signing out twice is harmless

    with (
        PlatformClient(api_server.url, grant.access_token) as stale,
        pytest.raises(ApiError) as caught,
    ):
        stale.me()
    error = caught.value
    assert error.status == 401 and error.is_auth_error and error.type == "unauthorized"
    assert "sign in again" in str(error)


def test_wrong_password_is_401_and_leaves_the_client_signed_out(api_server: LiveServer) -> None:
    name = unique_name()
    with PlatformClient(api_server.url) as client:
        client.register(name, PASSWORD)
        with pytest.raises(ApiError) as caught:
            client.login(name, "not the password")
        assert caught.value.is_auth_error
        assert not client.signed_in


def test_a_taken_username_is_a_conflict(api_server: LiveServer) -> None:
    name = unique_name()
    with PlatformClient(api_server.url) as client:
        client.register(name, PASSWORD)
        with pytest.raises(ApiError) as caught:
            client.register(name, PASSWORD)
    assert (caught.value.status, caught.value.type) == (409, "conflict")
    assert name in str(caught.value)


def test_logout_after_the_server_revoked_the_token_still_signs_out(
    api_server: LiveServer,
) -> None:
    name = unique_name()
    with PlatformClient(api_server.url) as first, PlatformClient(api_server.url) as second:
        first.register(name, PASSWORD)
        token = first.login(name, PASSWORD).access_token
        second.token = token
        first.logout()  # revokes the token second also holds
        second.logout()  # 401 underneath: the token was already dead, which is the goal
        assert not second.signed_in
