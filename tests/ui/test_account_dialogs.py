"""Signing in from the app with a real keyring (gnome-keyring on a private D-Bus): the token
goes to the keyring and the upload that waited for the sign-in goes on. Adding a server checks
the address for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtWidgets import QApplication

from hitrecord_desktop.api.token_store import TokenStore
from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.sync.server_clients import ServerClients
from hitrecord_desktop.sync.upload_engine import UploadEngine
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from hitrecord_desktop.ui.account_dialogs import AddServerDialog, SignInPrompter
from hitrecord_desktop.ui.sync_bridge import SyncBridge
from hitrecord_desktop.ui.tasks import TaskRunner
from hitrecord_desktop.user_settings import Account, load_settings, save_settings
from tests.api.helpers import PASSWORD, write_take
from tests.live_server_fixtures import sign_up_with_challenge
from tests.support.live_server import LiveServer


def _paths(tmp_path: Path) -> AppPaths:
    return AppPaths(*(tmp_path / name for name in ("config", "data", "cache", "logs"))).ensure()


def test_signing_in_stores_the_token_and_the_waiting_upload_resumes(
    qtbot,
    fresh_server: LiveServer,
    tmp_path: Path,
    secret_service: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    for name, value in secret_service.items():
        monkeypatch.setenv(name, value)
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    tokens = TokenStore(backend=SecretServiceKeyring())
    name, client, challenge = sign_up_with_challenge(fresh_server.url)
    client.close()
    paths = _paths(tmp_path)
    settings = load_settings(paths.settings_file)
    settings.remember_account(Account(fresh_server.url, name))
    save_settings(paths.settings_file, settings)
    tokens.save(fresh_server.url, name, "a-token-the-server-never-gave")
    take = tmp_path / "take.flac"
    write_take(take, 200_000, seed=7)
    tasks = TaskRunner(QApplication.instance())
    with (
        UploadQueue(tmp_path / "q.sqlite") as queue,
        ServerClients(paths, tokens=tokens) as clients,
    ):
        engine = UploadEngine(queue, clients)
        bridge = SyncBridge(engine)
        prompter = SignInPrompter(bridge, paths, tasks, tokens)
        job = engine.add(UploadRequest(take, fresh_server.url, challenge.id, role="vocals"))
        with engine:
            qtbot.waitUntil(lambda: fresh_server.url in prompter.dialogs, timeout=10000)
            dialog = prompter.dialogs[fresh_server.url]
            assert dialog.isVisible() and dialog.username.text() == name
            assert queue.get(job.id).state is JobState.QUEUED
            assert queue.get(job.id).note.startswith("Waiting for you to sign in")

            dialog.password.setText("not the password")
            dialog.submit()
            qtbot.waitUntil(lambda: dialog.message.text() != "Signing in…", timeout=10000)
            assert dialog.isVisible() and dialog.message.text()  # the server's refusal, shown

            dialog.password.setText(PASSWORD)
            dialog.submit()
            qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
            stored = tokens.load(fresh_server.url, name)
            assert stored and stored != "a-token-the-server-never-gave"
            qtbot.waitUntil(lambda: queue.get(job.id).state is JobState.DONE, timeout=20000)
        bridge.detach()
    tasks.wait()


def test_adding_a_server_says_what_is_wrong_with_the_address(
    qtbot, live_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    paths = _paths(tmp_path)
    tasks = TaskRunner(QApplication.instance())
    dialog = AddServerDialog(paths, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    for address, expected in (
        ("", "Type the server's address"),
        ("http//hitrecord", "is not a full host name"),
        ("http://127.0.0.1:9", "No server answers at http://127.0.0.1:9"),
        (live_server.url + "/nothing-here", "answered, but not as a HitRecord server does"),
    ):
        dialog.address.setText(address)
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10000)
        assert expected in dialog.message.text(), address
    assert load_settings(paths.settings_file).servers == []
    with qtbot.waitSignal(dialog.server_added, timeout=10000):
        dialog.address.setText(live_server.url + "/")
        dialog.submit()
    assert load_settings(paths.settings_file).known_servers() == ["local", live_server.url]
    tasks.wait()
