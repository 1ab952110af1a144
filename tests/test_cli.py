"""The command line, run as a person runs it: a real process, a real server."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import requests
from sqlalchemy import select

from hitrecord_desktop import __version__
from hitrecord_desktop.server.tables import AccessToken
from tests.support.live_server import LiveServer

TOKEN_SHAPE = re.compile(rb"[A-Za-z0-9_-]{43}")


def run_cli(*args: str, home: Path, timeout: float = 90, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "HITRECORD_HOME": str(home), **env}
    return subprocess.run(
        [sys.executable, "-m", "hitrecord_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        stdin=subprocess.DEVNULL,
    )


def test_version_and_help(tmp_path: Path) -> None:
    version = run_cli("--version", home=tmp_path)
    assert version.returncode == 0
    assert version.stdout.strip() == f"hitrecord-desktop {__version__}"
    helped = run_cli("--help", home=tmp_path)
    assert helped.returncode == 0
    for command in ("gui", "server", "challenges", "login"):
        assert command in helped.stdout


def test_challenges_of_a_given_server_as_json(live_server: LiveServer, tmp_path: Path) -> None:
    result = run_cli("challenges", "--server", live_server.url, "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
    assert "Vocals wanted: Night Bus" in titles
    assert "Spoken word for a zine launch" not in titles  # closed: only open ones by default


def test_challenges_table_with_search(live_server: LiveServer, tmp_path: Path) -> None:
    result = run_cli("challenges", "--server", live_server.url, "-q", "lighthou", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Narrate this short: The Lighthouse" in result.stdout
    assert "Night Bus" not in result.stdout
    assert "1 challenge(s)" in result.stderr


def test_challenges_without_a_server_uses_the_local_community(tmp_path: Path) -> None:
    """A fresh machine with no account: the embedded server starts, seeded with the demo."""
    result = run_cli("challenges", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Vocals wanted: Night Bus" in result.stdout
    assert "Music for my animation: Paper Boats" in result.stdout
    assert (tmp_path / "data" / "local-community" / "platform.sqlite3").is_file()
    assert (tmp_path / "logs" / "challenges.log").is_file()


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("challenges", "--server", "http://127.0.0.1:9", home=tmp_path, timeout=60)
    assert result.returncode == 1
    assert "127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_server_address_is_named(tmp_path: Path) -> None:
    result = run_cli("challenges", "--server", "ftp://example", home=tmp_path)
    assert result.returncode == 2
    assert "ftp://example" in result.stderr


def test_gui_without_display_names_xvfb(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["HITRECORD_HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "hitrecord_desktop"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "xvfb-run -a make run" in result.stderr


def _register(server: LiveServer) -> None:
    requests.post(
        server.api + "/auth/register",
        json={"username": "lena", "password": "right-password"},
        timeout=10,
    ).raise_for_status()


def _login(
    server: LiveServer, home: Path, password: str, **env: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable, "-m", "hitrecord_desktop", "login",
            "--server", server.url, "--username", "lena", "--password-stdin",
        ],
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HITRECORD_HOME": str(home), **env},
    )  # fmt: skip


def _issued_token_found_in(server: LiveServer, folder: Path) -> bool:
    """Whether any token the server issued appears in any file under folder.

    The server keeps only SHA-256 digests, so every token-shaped string is hashed and compared.
    """
    with server.app.state.db.session() as session:
        digests = set(session.scalars(select(AccessToken.token_sha256)))
    assert digests, "the login issued no token"
    for path in folder.rglob("*"):
        if path.is_file():
            for candidate in TOKEN_SHAPE.findall(path.read_bytes()):
                if hashlib.sha256(candidate).hexdigest() in digests:
                    return True
    return False


def test_login_with_a_wrong_password_fails_clearly(
    fresh_server: LiveServer, tmp_path: Path
) -> None:
    _register(fresh_server)
    result = _login(fresh_server, tmp_path, "wrong-password")
    assert result.returncode == 1
    assert "username or password is wrong" in result.stderr


def test_login_without_keyring_says_so_and_writes_no_secret(
    fresh_server: LiveServer, tmp_path: Path
) -> None:
    _register(fresh_server)
    result = _login(
        fresh_server,
        tmp_path,
        "right-password",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    assert result.returncode == 0, result.stderr
    assert "cannot remember your sign-in" in result.stderr
    settings = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert settings["current_server"] == fresh_server.url
    assert settings["accounts"] == [{"server_url": fresh_server.url, "username": "lena"}]
    assert not _issued_token_found_in(fresh_server, tmp_path)


def test_login_keeps_the_token_in_a_real_secret_service(
    fresh_server: LiveServer, tmp_path: Path, secret_service: dict[str, str]
) -> None:
    _register(fresh_server)
    result = _login(fresh_server, tmp_path, "right-password", **secret_service)
    assert result.returncode == 0, result.stderr
    assert "kept in your keyring" in result.stdout
    probe = subprocess.run(
        [
            sys.executable, "-c",
            "import sys; from hitrecord_desktop.api.token_store import TokenStore;"
            "print(TokenStore().load(sys.argv[1], 'lena') is not None)",
            fresh_server.url,
        ],
        capture_output=True, text=True, timeout=30, env={**os.environ, **secret_service},
    )  # fmt: skip
    assert probe.stdout.strip() == "True", probe.stderr
    assert not _issued_token_found_in(fresh_server, tmp_path)
