"""Our uploader against an independent tus 1.0.0 server: tuspyserver (a FastAPI router from PyPI,
not our code), served by uvicorn on loopback. The other direction - tuspy, an independent client,
against our server - is tests/api/test_tus_interop.py."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from tuspyserver import create_tus_router

from hitrecord_desktop.server.runner import ThreadedServer
from hitrecord_desktop.sync.server_watch import TUS_SERVER_PREFIX
from hitrecord_desktop.sync.upload_jobs import JobState, UploadRequest
from hitrecord_desktop.sync.upload_queue import UploadQueue
from tests.api.helpers import write_take
from tests.support.cutting_proxy import CuttingProxy
from tests.uploads.conftest import MakeEngine, wait_for


class _TheirServer:
    def __init__(self, files: Path) -> None:
        self.files = files
        app = FastAPI()
        app.include_router(create_tus_router(prefix="files", files_dir=str(files)))
        self._server = ThreadedServer(app).start()
        self.upload_url = f"{self._server.url}/files/"

    def stored(self, digest: str) -> list[Path]:
        """Files it holds with these bytes (it keeps metadata in `.info` files beside them)."""
        return [
            path
            for path in self.files.iterdir()
            if path.is_file()
            and path.suffix != ".info"
            and hashlib.sha256(path.read_bytes()).hexdigest() == digest
        ]

    def stop(self) -> None:
        self._server.stop()


@pytest.fixture
def their_server(tmp_path: Path) -> Iterator[_TheirServer]:
    server = _TheirServer(tmp_path / "tuspyserver-files")
    yield server
    server.stop()


def test_our_engine_resumes_uploads_to_tuspyserver_through_a_cut_connection(
    their_server: _TheirServer, queue: UploadQueue, make_engine: MakeEngine, tmp_path: Path
) -> None:
    take = tmp_path / "interop.wav"
    digest = write_take(take, 3_000_000, seed=500)
    with CuttingProxy(their_server.upload_url.removesuffix("/files/")) as proxy:
        tus_url = proxy.url + "/files/"
        proxy.cut_after(1_200_000)
        engine = make_engine(proxy.url, "unused", chunk_size=512 * 1024)
        job = engine.add(UploadRequest(path=take, server=TUS_SERVER_PREFIX + tus_url,
                                       tus_url=tus_url))  # fmt: skip
        engine.start()
        finished = wait_for(queue, job.id, {JobState.DONE, JobState.FAILED}, 60)
        assert finished.state is JobState.DONE, finished.note
        assert proxy.cuts == 1
    assert len(their_server.stored(digest)) == 1
    assert finished.contribution_id is None  # a bare tus transfer makes no contribution


def test_the_upload_command_sends_a_file_to_any_tus_server(
    their_server: _TheirServer, tmp_path: Path
) -> None:
    take = tmp_path / "from the terminal.flac"
    digest = write_take(take, 700_000, seed=501)
    result = subprocess.run(
        [sys.executable, "-m", "hitrecord_desktop", "upload", str(take),
         "--tus-url", their_server.upload_url],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "HITRECORD_HOME": str(tmp_path / "home")},
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"uploaded to {their_server.upload_url}" in result.stdout
    assert len(their_server.stored(digest)) == 1
