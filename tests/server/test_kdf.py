"""Passwords are kept as Argon2id hashes at a cost that makes guessing slow. A security
property, not a performance target: each number is measured once."""

from __future__ import annotations

import dataclasses
import hashlib
import time
from pathlib import Path

import requests
from argon2 import Type, extract_parameters
from sqlalchemy import select

from hitrecord_desktop.server.security import password_hasher, verify_password
from hitrecord_desktop.server.settings import ServerSettings
from hitrecord_desktop.server.tables import AccessToken, User
from tests.support.live_server import LiveServer

PASSWORD = "correct horse battery staple"
PRODUCTION_KDF = {
    field.name: field.default
    for field in dataclasses.fields(ServerSettings)
    if field.name.startswith("argon2_")
}


def test_production_hash_is_argon2id_and_a_check_costs_at_least_20_ms(tmp_path: Path) -> None:
    settings = ServerSettings(data_dir=tmp_path)
    hasher = password_hasher(settings)
    stored = hasher.hash(PASSWORD)
    assert stored.startswith("$argon2id$")
    parameters = extract_parameters(stored)
    assert parameters.type is Type.ID
    assert parameters.time_cost == settings.argon2_time_cost
    assert parameters.memory_cost == settings.argon2_memory_kib

    started = time.perf_counter()
    assert verify_password(hasher, stored, PASSWORD)
    elapsed = time.perf_counter() - started
    assert elapsed >= 0.020, f"one verification took only {elapsed * 1000:.1f} ms"

    for wrong in ("correct horse battery stapler", "", PASSWORD.upper()):
        assert not verify_password(hasher, stored, wrong)
    assert not verify_password(hasher, "not a hash", PASSWORD)


def test_server_stores_production_hashes_and_token_digests_only(tmp_path: Path) -> None:
    with LiveServer(tmp_path / "data", **PRODUCTION_KDF) as server:
        created = requests.post(
            f"{server.api}/auth/register", json={"username": "kdf", "password": PASSWORD}
        )
        assert created.status_code == 201
        wrong = requests.post(
            f"{server.api}/auth/token", json={"username": "kdf", "password": PASSWORD + "!"}
        )
        assert wrong.status_code == 401
        right = requests.post(
            f"{server.api}/auth/token", json={"username": "kdf", "password": PASSWORD}
        )
        assert right.status_code == 200
        token = right.json()["access_token"]
        with server.app.state.db.session() as session:
            stored = session.scalar(select(User.password_hash).where(User.username == "kdf"))
            digests = set(session.scalars(select(AccessToken.token_sha256)))
    assert stored is not None
    assert PASSWORD not in stored
    parameters = extract_parameters(stored)
    assert parameters.type is Type.ID
    assert parameters.memory_cost == PRODUCTION_KDF["argon2_memory_kib"]
    assert parameters.time_cost == PRODUCTION_KDF["argon2_time_cost"]
    assert hashlib.sha256(token.encode()).hexdigest() in digests
    assert token not in digests
