"""Device listing, the per-machine choice and its fallbacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hitrecord_desktop.audio import devices
from hitrecord_desktop.audio.devices import AudioDeviceError, ChoiceStore, DeviceChoice

from .live_support import needs_pulse


def test_choice_is_kept_per_machine(tmp_path: Path) -> None:
    first = ChoiceStore(tmp_path, hostname="studio")
    other = ChoiceStore(tmp_path, hostname="laptop")
    choice = DeviceChoice("ALSA", "Scarlett 2i2", "Scarlett 2i2", (2,), 48_000, 128)
    first.save(choice)
    other.save(DeviceChoice())
    assert first.load() == choice
    assert other.load() == DeviceChoice()
    data = json.loads((tmp_path / devices.CHOICE_FILE).read_text())
    assert set(data) == {"studio", "laptop"}
    assert not list(tmp_path.glob(".audio-devices.*"))  # no temporary file left behind


def test_missing_remembered_device_falls_back_with_a_notice() -> None:
    gone = DeviceChoice(None, "No Such Interface", "No Such Interface", (2,), 48_000, 256)
    choice, notices = devices.usable_choice(gone)
    assert choice.input_device is None and choice.output_device is None
    assert choice.input_channels == (1, 2)
    assert any("No Such Interface" in n and "not connected" in n for n in notices)


def test_rescan_refuses_while_a_stream_is_open() -> None:
    devices.stream_opened()
    try:
        assert devices.rescan() is False
    finally:
        devices.stream_closed()
    assert devices.rescan() is True
    assert isinstance(devices.list_devices(), list)


@needs_pulse
def test_pulse_devices_are_listed_with_channels_and_rates() -> None:
    found = {d.name: d for d in devices.list_devices()}
    assert found["pulse"].max_input_channels > 0 and found["pulse"].host_api == "ALSA"
    assert 48_000 in devices.common_rates(found["pulse"].index, "input", 2)


@needs_pulse
def test_missing_channel_is_a_clear_error() -> None:
    with pytest.raises(AudioDeviceError, match="channel 40 does not exist"):
        DeviceChoice("ALSA", "pulse", "pulse", (40,)).resolve()


@needs_pulse
def test_record_over_a_project_adds_the_take(tmp_path: Path, monkeypatch) -> None:
    import numpy as np
    import soundfile as sf

    from hitrecord_desktop.cli import main
    from hitrecord_desktop.project.project_store import ProjectStore

    from .live_support import click_project

    monkeypatch.setenv("HITRECORD_HOME", str(tmp_path / "home"))
    folder = tmp_path / "project"
    project = click_project(tmp_path, [24_000], 1.5)
    ProjectStore(folder).save(project)
    out = tmp_path / "out.wav"
    args = ["record", str(out), "--seconds", "1.2", "--over", str(folder)]
    code = main(
        [*args, "--host-api", "ALSA", "--input-device", "pulse", "--output-device", "pulse"]
    )
    assert code == 0
    saved = ProjectStore(folder).load().project
    track = next(t for t in saved.tracks if t.name == "Recording")
    take = track.active_take
    assert take is not None and take.clip.media.path.startswith("takes/")
    assert take.clip.latency_offset > 1000
    assert (folder / take.clip.media.path).exists()
    assert sf.info(out).frames == take.clip.length
    assert np.abs(sf.read(out)[0]).max() > 0.1  # the click came back


@needs_pulse
def test_play_command_plays_a_project(tmp_path: Path, monkeypatch, capsys) -> None:
    from hitrecord_desktop.cli import main
    from hitrecord_desktop.project.project_store import ProjectStore

    from .live_support import click_project

    monkeypatch.setenv("HITRECORD_HOME", str(tmp_path / "home"))
    folder = tmp_path / "project"
    ProjectStore(folder).save(click_project(tmp_path, [4_800], 0.5))
    code = main(["play", str(folder), "--host-api", "ALSA", "--output-device", "pulse"])
    assert code == 0
    assert "played to 0.5" in capsys.readouterr().out
