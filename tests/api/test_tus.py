"""Our tus client against the real server: checksums, cuts, offset conflicts, cancel, terminate."""

from __future__ import annotations

import base64
import hashlib
import itertools
import logging
import threading
import time
from pathlib import Path

import pytest
import requests

from hitrecord_desktop.api import (
    ApiError,
    Challenge,
    PlatformClient,
    TusUploader,
    upload_id_from_url,
)
from hitrecord_desktop.api.tus_client import ChunkSizer, encode_metadata
from tests.api.conftest import MakeClient
from tests.api.helpers import sha256_of, write_take
from tests.support.cutting_proxy import CuttingProxy

KIB = 1024
MIB = 1024 * KIB


def _metadata(path: Path) -> dict[str, str]:
    return {"filename": path.name, "filetype": "audio/flac", "sha256": sha256_of(path)}


def _finish(client: PlatformClient, challenge: Challenge, url: str) -> str:
    """Make the upload a contribution; answers the sha256 the server reports for it."""
    made = client.create_contribution(
        upload_id_from_url(url), challenge.id, "Take", "vocals", [], idempotency_key=url[-32:]
    )
    return made.sha256


def test_the_server_says_what_it_supports(client: PlatformClient) -> None:
    capabilities = client.uploader().capabilities()
    assert "1.0.0" in capabilities.versions
    assert {"creation", "checksum", "termination"} <= set(capabilities.extensions)
    assert "sha1" in capabilities.checksum_algorithms
    assert capabilities.max_size and capabilities.max_size > 0


@pytest.mark.parametrize("checksum", ["sha1", "sha256", "md5", None])
def test_upload_in_chunks_with_each_checksum(
    client: PlatformClient, challenge: Challenge, take_dir: Path, checksum: str | None
) -> None:
    take = take_dir / "take.flac"
    digest = write_take(take, 300 * KIB + 17)
    uploader = client.uploader()
    url = uploader.create(take, _metadata(take))
    assert url.startswith(client.api_url + "/uploads/")
    assert uploader.offset(url) == 0
    seen: list[int] = []
    uploader.upload(
        url, take, chunk_size=100 * KIB, checksum=checksum, progress=lambda d, _t: seen.append(d)
    )
    assert seen == [0, 100 * KIB, 200 * KIB, 300 * KIB, 300 * KIB + 17]
    assert uploader.offset(url) == take.stat().st_size
    assert _finish(client, challenge, url) == digest


def test_adaptive_chunks_grow_with_the_link_and_each_step_comes_at_once(
    client: PlatformClient, challenge: Challenge, take_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scaled down (the real sizes start at 4 MiB): on loopback every chunk is fast, so each is
    four times the last up to the largest, with no chunk spent waiting for the read-ahead."""
    monkeypatch.setattr(ChunkSizer, "MIN", 16 * KIB)
    monkeypatch.setattr(ChunkSizer, "START", 64 * KIB)
    monkeypatch.setattr(ChunkSizer, "MAX", 1 * MIB)
    take = take_dir / "take.flac"
    digest = write_take(take, 3 * MIB + 5, seed=11)
    uploader = client.uploader()
    url = uploader.create(take, _metadata(take))
    seen: list[int] = []
    uploader.upload(url, take, progress=lambda done, _total: seen.append(done))
    chunks = [b - a for a, b in itertools.pairwise(seen)]
    assert chunks[:4] == [64 * KIB, 256 * KIB, 1 * MIB, 1 * MIB]
    assert _finish(client, challenge, url) == digest


def test_an_upload_cut_mid_way_resumes_to_a_byte_identical_file(
    make_client: MakeClient, challenge: Challenge, take_dir: Path, proxy: CuttingProxy
) -> None:
    via_proxy = make_client(proxy.url)
    take = take_dir / "long take.flac"
    digest = write_take(take, 3 * MIB, seed=3)
    uploader = via_proxy.uploader(backoff=0.05)
    url = uploader.create(take, _metadata(take))
    assert url.startswith(proxy.url)  # the server builds Location from the Host we reached it by
    proxy.cut_after(int(1.5 * MIB))  # in the middle of the second 1 MiB chunk
    uploader.upload(url, take, chunk_size=MIB)
    assert proxy.cuts == 1
    assert proxy.connections >= 2

    made = via_proxy.create_contribution(
        upload_id_from_url(url), challenge.id, "Cut", "vocals", [], idempotency_key="cut"
    )
    assert made.sha256 == digest
    fetched = via_proxy.download_media(made, take_dir / "fetched.flac")
    assert fetched.read_bytes() == take.read_bytes()


def test_an_offset_conflict_is_resolved_by_asking_the_server(
    client: PlatformClient,
    challenge: Challenge,
    take_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    take = take_dir / "take.flac"
    digest = write_take(take, 256 * KIB)
    data = take.read_bytes()
    uploader = client.uploader()
    url = uploader.create(take, _metadata(take))
    pushed: list[int] = []

    def progress(done: int, _total: int) -> None:
        # Someone else (another copy of the app) sends the next chunk behind our back.
        if done == 64 * KIB and not pushed:
            answer = requests.patch(
                url,
                data=data[64 * KIB : 128 * KIB],
                headers={
                    "Tus-Resumable": "1.0.0",
                    "Upload-Offset": str(64 * KIB),
                    "Content-Type": "application/offset+octet-stream",
                    "Authorization": f"Bearer {client.token}",
                },
                timeout=10,
            )
            pushed.append(answer.status_code)

    with caplog.at_level(logging.INFO, logger="hitrecord_desktop.api.tus_client"):
        uploader.upload(url, take, chunk_size=64 * KIB, progress=progress)
    assert pushed == [204]
    assert "upload-offset-mismatch" in caplog.text
    assert _finish(client, challenge, url) == digest


def test_a_file_that_fails_its_declared_sha256_is_an_error_not_a_success(
    client: PlatformClient, take_dir: Path
) -> None:
    take = take_dir / "take.flac"
    write_take(take, 100 * KIB)
    uploader = client.uploader(backoff=0.01)
    url = uploader.create(take, {**_metadata(take), "sha256": "0" * 64})
    with pytest.raises(ApiError) as caught:
        uploader.upload(url, take, chunk_size=40 * KIB)
    assert (caught.value.status, caught.value.type) == (460, "checksum-mismatch")


def test_a_file_that_changed_since_the_upload_began_is_refused(
    client: PlatformClient, take_dir: Path
) -> None:
    take = take_dir / "take.flac"
    write_take(take, 10 * KIB)
    uploader = client.uploader()
    url = uploader.create(take, {"filename": take.name})
    write_take(take, 12 * KIB)  # re-recorded in place
    with pytest.raises(ApiError) as caught:
        uploader.upload(url, take)
    assert caught.value.type == "file-changed"
    assert "Start the upload again" in str(caught.value)


def test_terminate_deletes_the_upload(client: PlatformClient, take_dir: Path) -> None:
    take = take_dir / "take.flac"
    write_take(take, 64 * KIB)
    uploader = client.uploader()
    url = uploader.create(take, {"filename": take.name})
    uploader.upload(url, take, chunk_size=64 * KIB)
    unfinished = uploader.create(2 * MIB, {"filename": "half.flac"})
    uploader.terminate(unfinished)
    with pytest.raises(ApiError) as caught:
        uploader.offset(unfinished)
    assert caught.value.status == 404
    uploader.terminate(unfinished)  # already gone: fine


def test_an_upload_is_visible_only_to_its_owner(make_client: MakeClient, take_dir: Path) -> None:
    owner, stranger = make_client(), make_client()
    url = owner.uploader().create(1000, {"filename": "mine.flac"})
    sneaky = TusUploader(stranger, owner.uploader().uploads_url, stranger.token)
    with pytest.raises(ApiError) as caught:
        sneaky.offset(url)
    assert caught.value.status == 404


def test_metadata_values_are_base64_and_keys_are_checked() -> None:
    header = encode_metadata({"filename": "naïve take.flac", "empty": ""})
    name, encoded = header.split(",")[0].split(" ")
    assert name == "filename"
    assert base64.b64decode(encoded).decode() == "naïve take.flac"
    assert header.split(",")[1] == "empty"
    with pytest.raises(ValueError):
        encode_metadata({"has space": "x"})


def _upload_in_thread(
    uploader: TusUploader, url: str, take: Path, cancel: threading.Event, **options: object
) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            uploader.upload(url, take, cancel=cancel, **options)  # type: ignore[arg-type]
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


def _wait_for(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.005)


def test_cancel_stops_a_chunk_being_sent_at_once_and_the_upload_resumes_later(
    make_client: MakeClient, challenge: Challenge, take_dir: Path, proxy: CuttingProxy
) -> None:
    via_proxy = make_client(proxy.url)
    take = take_dir / "take.flac"
    digest = write_take(take, 16 * MIB, seed=5)
    proxy.throttle(4 * MIB)  # a slow uplink: one 16 MiB chunk would take four seconds
    uploader = via_proxy.uploader()
    url = uploader.create(take, _metadata(take))
    cancel = threading.Event()
    thread, errors = _upload_in_thread(uploader, url, take, cancel, chunk_size=16 * MIB)
    _wait_for(lambda: proxy.bytes_up > MIB)
    started = time.monotonic()
    cancel.set()
    thread.join(2)
    took = time.monotonic() - started
    assert not thread.is_alive()
    assert took < 0.1, f"cancel took {took * 1000:.0f} ms"
    assert len(errors) == 1 and isinstance(errors[0], ApiError) and errors[0].is_cancelled

    proxy.throttle(None)
    # Resuming at once may meet 423 while the server still drops the cancelled chunk: retried.
    via_proxy.uploader(backoff=0.05).upload(url, take, chunk_size=4 * MIB)
    assert _finish(via_proxy, challenge, url) == digest


def test_cancel_cuts_a_backoff_wait_short(
    make_client: MakeClient, take_dir: Path, proxy: CuttingProxy
) -> None:
    via_proxy = make_client(proxy.url)
    take = take_dir / "take.flac"
    write_take(take, 100 * KIB)
    uploader = via_proxy.uploader(backoff=5.0)
    url = uploader.create(take, {"filename": take.name})
    proxy.go_offline()
    cancel = threading.Event()
    thread, errors = _upload_in_thread(uploader, url, take, cancel)
    _wait_for(lambda: proxy.refused >= 1)
    time.sleep(0.05)  # now in its five-second backoff
    started = time.monotonic()
    cancel.set()
    thread.join(2)
    took = time.monotonic() - started
    assert took < 0.1, f"cancel took {took * 1000:.0f} ms"
    assert isinstance(errors[0], ApiError) and errors[0].is_cancelled


def test_a_chunk_damaged_on_the_way_is_sent_again(
    client: PlatformClient, challenge: Challenge, take_dir: Path
) -> None:
    """The server refuses a chunk whose Upload-Checksum does not match (460); we resend it."""
    take = take_dir / "take.flac"
    digest = write_take(take, 64 * KIB)
    uploader = client.uploader()
    url = uploader.create(take, _metadata(take))
    wrong = base64.b64encode(hashlib.sha1(b"something else").digest()).decode()
    answer = requests.patch(
        url,
        data=take.read_bytes(),
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": "0",
            "Upload-Checksum": f"sha1 {wrong}",
            "Content-Type": "application/offset+octet-stream",
            "Authorization": f"Bearer {client.token}",
        },
        timeout=10,
    )
    assert answer.status_code == 460
    assert uploader.offset(url) == 0  # the damaged chunk was discarded
    uploader.upload(url, take)
    assert _finish(client, challenge, url) == digest
