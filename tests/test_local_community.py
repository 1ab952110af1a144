"""The embedded local community: a real child server, signed in without a stored secret."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import requests

from hitrecord_desktop.local_community import LocalCommunity


def test_starts_seeded_and_signed_in(tmp_path: Path, isolated_home: Path) -> None:
    community = LocalCommunity(tmp_path / "local", tmp_path / "server.log")
    started = time.monotonic()
    community.start()
    try:
        elapsed = time.monotonic() - started
        assert community.url.startswith("http://127.0.0.1:")
        me = requests.get(
            community.api + "/me",
            headers={"Authorization": f"Bearer {community.token}"},
            timeout=10,
        )
        assert me.status_code == 200
        assert me.json()["username"] == "me"
        titles = [
            c["title"]
            for c in requests.get(community.api + "/challenges", timeout=10).json()["items"]
        ]
        assert "Vocals wanted: Night Bus" in titles
        assert elapsed < 30, f"the local community took {elapsed:.1f} s to start"
    finally:
        community.stop()
    assert not community.running
    server_log = (isolated_home / "logs" / "server.log").read_text()
    assert "platform server listening on " + community.url in server_log


def test_restart_keeps_data_and_old_tokens_die(tmp_path: Path, isolated_home: Path) -> None:
    with LocalCommunity(tmp_path / "local") as first:
        old_token = first.token
        old_api = first.api
        count = len(requests.get(first.api + "/challenges", timeout=10).json()["items"])
    with LocalCommunity(tmp_path / "local") as second:
        assert second.token != old_token
        items = requests.get(second.api + "/challenges", timeout=10).json()["items"]
        assert len(items) == count  # seeded once, not twice
        stale = requests.get(
            second.api + "/me", headers={"Authorization": f"Bearer {old_token}"}, timeout=10
        )
        assert stale.status_code == 401
    assert old_api != ""


def test_server_ends_when_the_app_is_killed(tmp_path: Path, isolated_home: Path) -> None:
    """kill -9 of the app leaves no server behind: the child sees its stdin close."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from hitrecord_desktop.local_community import LocalCommunity
        community = LocalCommunity(Path({str(tmp_path / "local")!r}))
        community.start()
        print(community._process.pid, community.url, flush=True)
        time.sleep(600)
        """
    )
    app = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None
    server_pid_text, url = app.stdout.readline().split()
    server_pid = int(server_pid_text)
    assert requests.get(url + "/api/v1/health", timeout=10).ok
    os.kill(app.pid, signal.SIGKILL)
    app.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            break
        # A zombie still answers kill(0); it is gone once it no longer serves.
        try:
            requests.get(url + "/api/v1/health", timeout=0.5)
        except requests.ConnectionError:
            break
        time.sleep(0.1)
    else:
        os.kill(server_pid, signal.SIGKILL)
        raise AssertionError("the local server outlived the killed app")
