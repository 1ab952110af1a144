"""A real Secret Service (gnome-keyring) on a private D-Bus session, for keyring tests."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress


@contextmanager
def private_secret_service() -> Iterator[dict[str, str] | None]:
    """Yields the environment that points keyring at it, or None where it cannot run here."""
    if not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        yield None
        return
    runtime = tempfile.mkdtemp(prefix="hitrecord-keyring-")
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": runtime,
        "XDG_DATA_HOME": os.path.join(runtime, "data"),
        "HOME": runtime,
    }
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    keyring = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input="test-password",
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    try:
        if keyring.returncode != 0:
            yield None
            return
        yield {
            "DBUS_SESSION_BUS_ADDRESS": address,
            "XDG_RUNTIME_DIR": runtime,
            "XDG_DATA_HOME": env["XDG_DATA_HOME"],
            "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        }
    finally:
        subprocess.run(["pkill", "-f", f"gnome-keyring-daemon.*{runtime}"], check=False)
        for line in keyring.stdout.splitlines():
            if line.startswith("GNOME_KEYRING_PID="):
                with suppress(ValueError, ProcessLookupError):
                    os.kill(int(line.split("=", 1)[1]), signal.SIGTERM)
        bus.terminate()
        bus.wait(10)
        shutil.rmtree(runtime, ignore_errors=True)
