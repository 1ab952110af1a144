"""The core flows on both databases the server supports: SQLite (the default) and a real
PostgreSQL 15 cluster that this module starts and stops. Every test runs once per database, so
a dialect difference (full-text search, time comparisons, integer ranges) shows as a failure on
one side only."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.live_server import LiveServer

from .api_helpers import (
    TUS,
    assert_problem,
    bearer,
    new_challenge,
    new_contribution,
    sign_in,
    sign_up,
    unique,
    upload_file,
)

PG_BIN = Path("/usr/lib/postgresql/15/bin")


@dataclass
class PostgresCluster:
    """A throw-away cluster listening only on a Unix socket."""

    socket_dir: Path
    port: int
    run_as: list[str]
    databases: int = 0

    def new_database(self) -> str:
        """Creates an empty database; returns its SQLAlchemy URL."""
        self.databases += 1
        name = f"hitrecord_{self.databases}"
        where = ["-h", str(self.socket_dir), "-p", str(self.port), "-U", "postgres"]
        subprocess.run(
            [*self.run_as, str(PG_BIN / "createdb"), *where, name],
            check=True,
            capture_output=True,
        )
        return f"postgresql+psycopg://postgres@/{name}?host={self.socket_dir}&port={self.port}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresCluster]:
    if not (PG_BIN / "initdb").is_file():
        pytest.skip(
            f"PostgreSQL 15 is not installed ({PG_BIN}/initdb is missing); `make test` installs it"
        )
    # initdb refuses to run as root: run the cluster as the postgres system user, in a folder
    # of its own (pytest's tmp folders are private to root).
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    root = Path(tempfile.mkdtemp(prefix="hitrecord-pg-"))
    data, socket_dir = root / "data", root / "socket"
    socket_dir.mkdir()
    if run_as:
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")

    def run(*args: str) -> None:
        subprocess.run([*run_as, *args], check=True, capture_output=True, timeout=60)

    run(
        str(PG_BIN / "initdb"),
        "-D",
        str(data),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--no-sync",
    )
    port = _free_port()
    options = (
        f"-k {socket_dir} -p {port} -c listen_addresses='' "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    log = root / "server.log"
    run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    try:
        yield PostgresCluster(socket_dir, port, run_as)
    finally:
        run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """A live server on each database in turn."""
    url = request.getfixturevalue("postgres").new_database() if request.param != "sqlite" else None
    with LiveServer(tmp_path_factory.mktemp(request.param) / "data", database_url=url) as server:
        assert server.app.state.db.dialect == request.param
        yield server


def _list(api: str, **params: Any) -> dict[str, Any]:
    response = requests.get(f"{api}/challenges", params=params, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: str, **params: Any) -> list[int]:
    return [item["id"] for item in _list(api, limit=100, **params)["items"]]


def _walk(api: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, page by page, following next_cursor."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(200):
        page = _list(api, **params, **({"cursor": cursor} if cursor else {}))
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def _time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


_NO_DEADLINE = datetime.min.replace(tzinfo=UTC)

SORT_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "newest": lambda c: (-_time(c["created_at"]).timestamp(), -c["id"]),  # type: ignore[union-attr]
    "oldest": lambda c: (_time(c["created_at"]), c["id"]),
    "most_contributed": lambda c: (-c["contribution_count"], -c["id"]),
    # Soonest first, none last.
    "deadline": lambda c: (c["deadline"] is None, _time(c["deadline"]) or _NO_DEADLINE, c["id"]),
}


@dataclass
class Catalog:
    tag: str
    ids: set[int]
    token: str


# Deadlines with several offsets: two name the same instant, so the deadline sort has a tie
# that the cursor must break by id, and comparisons must happen in UTC on both databases.
DEADLINES = [
    None,
    "2031-01-01T00:00:00Z",
    "2030-06-01T12:00:00+05:30",
    "2030-06-01T06:30:00Z",
    "2029-12-31T23:59:59.999999Z",
    "2030-06-01T06:29:59-00:00",
    None,
]
CONTRIBUTIONS = {3: 3, 7: 1, 10: 2, 15: 1}  # catalogue index -> contributions it gets


@pytest.fixture(scope="module")
def catalog(backend: LiveServer) -> Catalog:
    """22 challenges sharing a search word: kinds, roles, deadlines, statuses and contribution
    counts all vary, with ties."""
    api = backend.api
    token = sign_up(api)
    tag = unique("catalogue")
    made = []
    for index in range(22):
        made.append(
            new_challenge(
                api,
                token,
                title=f"Entry {index} {tag}",
                brief=f"Number {index} of the {tag} set.",
                kind="video" if index % 3 == 0 else "audio",
                roles=["animation", "music"] if index % 4 == 0 else ["vocals"],
                deadline=DEADLINES[index % len(DEADLINES)],
            )
        )
    for index, count in CONTRIBUTIONS.items():
        for _ in range(count):
            new_contribution(api, token, made[index]["id"])
    for index in range(0, 22, 5):
        response = requests.patch(
            f"{api}/challenges/{made[index]['id']}",
            json={"status": "closed"},
            headers=bearer(token),
        )
        assert response.status_code == 200, response.text
    return Catalog(tag, {c["id"] for c in made}, token)


def test_accounts(backend: LiveServer) -> None:
    api = backend.api
    name = unique("MixedCase")
    created = requests.post(
        f"{api}/auth/register",
        json={"username": name, "password": "password1", "display_name": "Mixed Case"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["username"] == name.lower()
    assert created.json()["created_at"].endswith("Z")
    again = requests.post(
        f"{api}/auth/register", json={"username": name.upper(), "password": "password1"}
    )
    assert_problem(again, 409, "conflict")
    token = sign_in(api, name.upper(), "password1")
    me = requests.get(f"{api}/me", headers=bearer(token)).json()
    assert me == created.json()
    wrong = requests.post(f"{api}/auth/token", json={"username": name, "password": "password2"})
    assert_problem(wrong, 401, "unauthorized")
    assert requests.post(f"{api}/auth/logout", headers=bearer(token)).status_code == 204
    assert requests.get(f"{api}/me", headers=bearer(token)).status_code == 401


def test_full_text_search_matches_prefixes_of_every_word(backend: LiveServer) -> None:
    api = backend.api
    token = sign_up(api)
    tag = unique("wombat")
    bus = new_challenge(api, token, title=f"{tag} Night bus", brief="Vocals over a late train.")
    train = new_challenge(api, token, title=f"{tag} Morning", brief="A train, at dawn; don't rush")
    other = new_challenge(api, token, title="Unrelated", brief=f"Mentions {tag} only here")

    assert set(_ids(api, q=tag)) == {bus["id"], train["id"], other["id"]}
    assert set(_ids(api, q=f"{tag} _ __")) == {bus["id"], train["id"], other["id"]}
    assert _ids(api, q="_ __ *") == []
    assert _ids(api, q=f"{tag} nig") == [bus["id"]]
    assert _ids(api, q=f"{tag.upper()}, NIGHT!") == [bus["id"]]
    assert set(_ids(api, q=f"{tag} tra")) == {bus["id"], train["id"]}
    assert _ids(api, q=f"{tag} train dawn") == [train["id"]]
    assert _ids(api, q=f"{tag} don't") == [train["id"]]
    assert _ids(api, q=f"{tag} bus dawn") == []
    assert _ids(api, q=f"{tag} zzz") == []
    assert _ids(api, q=f'({tag}) & | ! :* <-> "late" BUS\\') == [bus["id"]]

    # Words inside emails, host names, paths and version numbers are words on both databases
    # (PostgreSQL's parser alone would keep 'foo@example.com' or 'v1.5' as one token).
    links = new_challenge(
        api, token, title=f"{tag} Stems v1.5", brief="From foo@example.com, see example.org/stems"
    )
    assert _ids(api, q=f"{tag} example") == [links["id"]]
    assert _ids(api, q=f"{tag} foo org stems") == [links["id"]]
    assert _ids(api, q=f"{tag} 5") == [links["id"]]
    assert _ids(api, q=f"{tag} v1.5") == [links["id"]]

    renamed = requests.patch(
        f"{api}/challenges/{bus['id']}", json={"title": f"{tag} Day tram"}, headers=bearer(token)
    )
    assert renamed.status_code == 200
    assert _ids(api, q=f"{tag} night") == []
    assert _ids(api, q=f"{tag} tram") == [bus["id"]]


def test_filters(backend: LiveServer, catalog: Catalog) -> None:
    api, tag = backend.api, catalog.tag
    everything = _walk(api, q=tag, status="any", limit=100)
    assert {c["id"] for c in everything} == catalog.ids
    by_id = {c["id"]: c for c in everything}

    def matching(predicate: Callable[[dict[str, Any]], bool]) -> set[int]:
        return {i for i, c in by_id.items() if predicate(c)}

    assert set(_ids(api, q=tag)) == matching(lambda c: c["status"] == "open")
    assert set(_ids(api, q=tag, status="closed")) == matching(lambda c: c["status"] == "closed")
    assert len(matching(lambda c: c["status"] == "closed")) == 5
    assert set(_ids(api, q=tag, status="any", kind="video")) == matching(
        lambda c: c["kind"] == "video"
    )
    assert set(_ids(api, q=tag, status="any", role="animation")) == matching(
        lambda c: "animation" in c["roles"]
    )
    assert set(_ids(api, q=tag, status="any", role="music", kind="video")) == matching(
        lambda c: "music" in c["roles"] and c["kind"] == "video"
    )
    assert _ids(api, q=tag, status="any", role="narration") == []


@pytest.mark.parametrize("limit", [1, 7])
@pytest.mark.parametrize("sort", list(SORT_KEYS))
def test_every_sort_pages_through_all_items_once(
    backend: LiveServer, catalog: Catalog, sort: str, limit: int
) -> None:
    items = _walk(backend.api, q=catalog.tag, status="any", sort=sort, limit=limit)
    ids = [c["id"] for c in items]
    assert len(ids) == len(set(ids)), "a page repeated an item"
    assert set(ids) == catalog.ids, "pages skipped items"
    assert items == sorted(items, key=SORT_KEYS[sort]), f"not in {sort} order"


def test_sort_values_are_what_was_stored(backend: LiveServer, catalog: Catalog) -> None:
    items = _walk(backend.api, q=catalog.tag, status="any", sort="deadline", limit=100)
    counts = sorted((c["contribution_count"] for c in items), reverse=True)
    assert counts[:5] == [3, 2, 1, 1, 0]
    deadlines = [c["deadline"] for c in items]
    assert deadlines.count("2030-06-01T06:30:00Z") == 6  # '12:00+05:30' is the same instant
    assert deadlines[0] == "2029-12-31T23:59:59.999999Z"
    assert deadlines[-1] is None


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_pages_neither_skip_nor_repeat_when_challenges_arrive(
    backend: LiveServer, sort: str
) -> None:
    api = backend.api
    token = sign_up(api)
    tag = unique("arrivals")
    before = [new_challenge(api, token, title=f"{tag} {i}")["id"] for i in range(7)]
    seen: list[int] = []
    page = _list(api, q=tag, sort=sort, limit=3)
    arrived: list[int] = []
    while True:
        seen.extend(c["id"] for c in page["items"])
        arrived.append(new_challenge(api, token, title=f"{tag} late")["id"])
        if page["next_cursor"] is None:
            break
        page = _list(api, q=tag, sort=sort, limit=3, cursor=page["next_cursor"])
    assert len(seen) == len(set(seen))
    if sort == "newest":
        assert seen == sorted(before, reverse=True)  # arrivals land before page one
    else:
        assert seen[:7] == before  # arrivals come after everything that was there
        assert set(seen[7:]) <= set(arrived)


def test_upload_contribution_lineage_and_credits(backend: LiveServer) -> None:
    api = backend.api
    alice, bob = sign_up(api, unique("alice")), sign_up(api, unique("bob"))
    challenge = new_challenge(api, alice, roles=["music", "vocals"])
    data = os.urandom(200_000)
    upload_id = upload_file(api, alice, data, filename="backing.flac", chunk_size=64 * 1024)
    backing = new_contribution(api, alice, challenge["id"], upload_id=upload_id, title="Backing")
    assert backing["sha256"] == hashlib.sha256(data).hexdigest()
    assert backing["size"] == len(data)
    assert backing["filename"] == "backing.flac"
    media = requests.get(backing["media_url"], headers={"Range": "bytes=1000-1999"})
    assert media.status_code == 206
    assert media.content == data[1000:2000]
    assert requests.get(backing["media_url"]).content == data

    vocals = new_contribution(
        api,
        bob,
        challenge["id"],
        role="vocals",
        title="Vocals",
        built_on=[{"contribution_id": backing["id"], "offset_samples": -(2**40)}],
    )
    assert vocals["built_on"] == [
        {"contribution_id": backing["id"], "offset_samples": -(2**40), "sample_rate": 48000}
    ]
    mix = new_contribution(
        api,
        alice,
        challenge["id"],
        role="music",
        title="Mix",
        built_on=[
            {"contribution_id": vocals["id"], "offset_samples": 2**40, "sample_rate": 384000},
            {"contribution_id": backing["id"], "offset_samples": 0},
        ],
    )
    credits = requests.get(f"{api}/contributions/{mix['id']}/credits").json()
    assert [(c["contribution_id"], c["depth"]) for c in credits["credits"]] == [
        (mix["id"], 0),
        (backing["id"], 1),
        (vocals["id"], 1),
    ]
    roles = {c["user"]["id"]: c["roles"] for c in credits["contributors"]}
    assert roles[mix["author"]["id"]] == ["music"]
    assert roles[vocals["author"]["id"]] == ["vocals"]

    listed = requests.get(f"{api}/challenges/{challenge['id']}/contributions", params={"limit": 2})
    first = listed.json()
    assert [c["id"] for c in first["items"]] == [backing["id"], vocals["id"]]
    rest = requests.get(
        f"{api}/challenges/{challenge['id']}/contributions",
        params={"limit": 2, "cursor": first["next_cursor"]},
    ).json()
    assert [c["id"] for c in rest["items"]] == [mix["id"]]
    assert rest["next_cursor"] is None

    detail = requests.get(f"{api}/challenges/{challenge['id']}")
    assert detail.json()["contribution_count"] == 3
    cached = requests.get(
        f"{api}/challenges/{challenge['id']}", headers={"If-None-Match": detail.headers["ETag"]}
    )
    assert cached.status_code == 304
    referenced = requests.patch(
        f"{api}/challenges/{challenge['id']}",
        json={"reference_contribution_id": mix["id"]},
        headers=bearer(alice),
    )
    assert referenced.json()["reference_contribution_id"] == mix["id"]


def test_idempotent_retries_race_to_one_contribution(backend: LiveServer) -> None:
    api = backend.api
    token = sign_up(api)
    challenge = new_challenge(api, token)
    body = {
        "upload_id": upload_file(api, token, b"raced"),
        "challenge_id": challenge["id"],
        "title": "Raced",
        "role": "music",
    }
    headers = {**bearer(token), "Idempotency-Key": unique("race-")}
    barrier = threading.Barrier(6)
    answers: list[requests.Response] = []

    def post() -> None:
        barrier.wait()
        answers.append(requests.post(f"{api}/contributions", json=body, headers=headers))

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] * 5 + [201], [a.text for a in answers]
    assert len({answer.json()["id"] for answer in answers}) == 1
    count = requests.get(f"{api}/challenges/{challenge['id']}").json()["contribution_count"]
    assert count == 1


def test_bad_input_gets_4xx_on_every_database(backend: LiveServer, catalog: Catalog) -> None:
    api = backend.api
    nul = requests.post(f"{api}/auth/token", json={"username": "a\x00b", "password": "password1"})
    assert_problem(nul, 422, "validation-error")
    for path in ("/challenges/2147483647", "/contributions/2147483647/credits"):
        assert_problem(requests.get(f"{api}{path}"), 404, "not-found")
    assert_problem(requests.get(f"{api}/challenges/2147483648"), 422, "validation-error")
    page = _list(api, q=catalog.tag, status="any", sort="most_contributed", limit=2)
    assert page["next_cursor"]
    for key in ([2**31, 1], [1, 2**40], [2**70, 1], [-(2**63), 1]):
        raw = json.dumps({"s": "most_contributed", "k": key}).encode()
        cursor = base64.urlsafe_b64encode(raw).decode()
        response = requests.get(
            f"{api}/challenges", params={"sort": "most_contributed", "cursor": cursor}
        )
        assert_problem(response, 422, "validation-error")
    token = catalog.token
    for deadline in ("9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"):
        response = requests.post(
            f"{api}/challenges",
            json={"title": "t", "roles": ["vocals"], "kind": "audio", "deadline": deadline},
            headers=bearer(token),
        )
        assert_problem(response, 422, "validation-error")
    far = new_challenge(api, token, deadline="9999-12-31T23:59:59.999999Z")
    assert far["deadline"] == "9999-12-31T23:59:59.999999Z"
    huge = requests.post(
        f"{api}/uploads/",
        headers={**TUS, **bearer(token), "Upload-Length": "9223372036854775807"},
    )
    assert_problem(huge, 413, "payload-too-large")
