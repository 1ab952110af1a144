"""Settings: saved atomically, a broken file set aside with a clear log line, never fatal."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from hitrecord_desktop.user_settings import (
    DEFAULT_MEDIA_CACHE_LIMIT,
    LOCAL,
    MIB,
    Account,
    UserSettings,
    load_settings,
    save_settings,
)


def test_defaults_when_missing(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "settings.json")
    assert settings.current_server == LOCAL
    assert settings.accounts == []


def test_round_trip_and_no_temp_files_left(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = UserSettings()
    settings.remember_account(Account("https://a.example", "lena"))
    settings.remember_account(Account("https://a.example", "lena2"))  # replaces, not duplicates
    settings.current_server = "https://a.example"
    save_settings(path, settings)
    loaded = load_settings(path)
    assert loaded.accounts == [Account("https://a.example", "lena2")]
    assert loaded.current_server == "https://a.example"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "Expecting property name"),
        ('{"accounts": [{"server_url": 3}]}', "accounts[0]"),
        ('{"current_server": []}', "current_server"),
        ("[]", "JSON object"),
    ],
)
def test_broken_file_is_kept_aside_and_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: str, problem: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    with caplog.at_level(logging.WARNING):
        settings = load_settings(path)
    assert settings == UserSettings()
    assert (tmp_path / "settings.broken.json").read_text() == content
    assert problem in caplog.text


def test_save_is_json_a_person_can_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, UserSettings())
    assert json.loads(path.read_text()) == {
        "accounts": [],
        "current_server": "local",
        "media_cache_limit": 2 * 1024 * MIB,
        "servers": [],
    }


def test_added_servers_round_trip_after_the_local_community(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = UserSettings()
    settings.servers.append("https://hitrecord.example.org")
    save_settings(path, settings)
    loaded = load_settings(path)
    assert loaded.known_servers() == ["local", "https://hitrecord.example.org"]


def test_media_cache_limit_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = UserSettings()
    settings.set_media_cache_limit(500 * MIB)
    save_settings(path, settings)
    assert load_settings(path).media_cache_limit == 500 * MIB


@pytest.mark.parametrize("value", [1 * MIB, -1, "2GiB", 2.5e9, True, None])
def test_a_bad_media_cache_limit_is_refused_and_the_rest_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, value: object
) -> None:
    with pytest.raises(ValueError, match="media cache limit"):
        UserSettings().set_media_cache_limit(value)  # type: ignore[arg-type]
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"current_server": "https://a.example", "media_cache_limit": value}))
    with caplog.at_level(logging.WARNING):
        settings = load_settings(path)
    assert settings.media_cache_limit == DEFAULT_MEDIA_CACHE_LIMIT
    assert settings.current_server == "https://a.example"
    assert "media cache limit" in caplog.text
    assert not (tmp_path / "settings.broken.json").exists()
