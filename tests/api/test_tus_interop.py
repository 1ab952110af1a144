"""Standard tus clients work with our server too: tuspy uploads, our client finishes the job."""

from __future__ import annotations

from pathlib import Path

from tusclient import client as tus

from hitrecord_desktop.api import Challenge, PlatformClient, upload_id_from_url
from tests.api.helpers import write_take


def test_tuspy_uploads_in_checked_chunks_and_our_client_makes_the_contribution(
    client: PlatformClient, challenge: Challenge, take_dir: Path
) -> None:
    take = take_dir / "from tuspy.flac"
    digest = write_take(take, 700 * 1024 + 3, seed=11)
    tuspy = tus.TusClient(
        f"{client.api_url}/uploads/", headers={"Authorization": f"Bearer {client.token}"}
    )
    uploader = tuspy.uploader(
        str(take),
        chunk_size=256 * 1024,
        metadata={"filename": take.name, "filetype": "audio/flac", "sha256": digest},
        upload_checksum=True,
    )
    uploader.upload()
    assert uploader.offset == take.stat().st_size

    # Our uploader agrees with what tuspy left on the server.
    assert client.uploader().offset(uploader.url) == take.stat().st_size
    made = client.create_contribution(
        upload_id_from_url(uploader.url),
        challenge.id,
        "Via tuspy",
        "vocals",
        [],
        idempotency_key="tuspy-1",
    )
    assert (made.sha256, made.size, made.filename) == (digest, take.stat().st_size, take.name)


def test_tuspy_resumes_an_upload_our_client_started(
    client: PlatformClient, challenge: Challenge, take_dir: Path
) -> None:
    take = take_dir / "half.flac"
    digest = write_take(take, 300 * 1024, seed=12)
    ours = client.uploader()
    url = ours.create(take, {"filename": take.name, "filetype": "audio/flac"})
    # The first 100 KiB arrive before the app is closed.
    answer = client.plain_session.patch(
        url,
        data=take.read_bytes()[: 100 * 1024],
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
            "Authorization": f"Bearer {client.token}",
        },
        timeout=10,
    )
    assert answer.status_code == 204
    tuspy = tus.TusClient(
        f"{client.api_url}/uploads/", headers={"Authorization": f"Bearer {client.token}"}
    )
    resumed = tuspy.uploader(str(take), url=url, chunk_size=64 * 1024)
    assert resumed.offset == 100 * 1024
    resumed.upload()
    made = client.create_contribution(
        upload_id_from_url(url), challenge.id, "Half and half", "vocals", [], idempotency_key="h"
    )
    assert made.sha256 == digest
