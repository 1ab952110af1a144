"""Audio devices through PortAudio (sounddevice): what exists, what the user chose, per machine.

PortAudio lists devices once, when it initialises; `rescan()` re-initialises it to see devices
plugged in or removed since, and refuses while a stream is open (re-initialising under a
stream would pull it away). The choice is kept in `audio-devices.json` in the config folder,
keyed by host name, so a shared home folder remembers each machine's interface.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sounddevice as sd

CHOICE_FILE = "audio-devices.json"


class AudioDeviceError(Exception):
    """A device cannot be used as asked: the message says which and why, in the user's words."""


@dataclass(frozen=True)
class HostApi:
    index: int
    name: str
    default_input: str | None
    default_output: str | None


@dataclass(frozen=True)
class Device:
    index: int
    name: str
    host_api: str
    max_input_channels: int
    max_output_channels: int
    default_sample_rate: float
    low_latency_s: tuple[float, float]  # (input, output)
    high_latency_s: tuple[float, float]


def _device(index: int, info: dict, apis: list[dict]) -> Device:
    return Device(
        index=index,
        name=info["name"],
        host_api=apis[info["hostapi"]]["name"],
        max_input_channels=info["max_input_channels"],
        max_output_channels=info["max_output_channels"],
        default_sample_rate=info["default_samplerate"],
        low_latency_s=(info["default_low_input_latency"], info["default_low_output_latency"]),
        high_latency_s=(info["default_high_input_latency"], info["default_high_output_latency"]),
    )


def list_devices() -> list[Device]:
    apis = list(sd.query_hostapis())
    return [_device(i, info, apis) for i, info in enumerate(sd.query_devices())]


def list_host_apis() -> list[HostApi]:
    devices = list(sd.query_devices())

    def name(i: int) -> str | None:
        return devices[i]["name"] if 0 <= i < len(devices) else None

    return [
        HostApi(
            i, api["name"], name(api["default_input_device"]), name(api["default_output_device"])
        )
        for i, api in enumerate(sd.query_hostapis())
    ]


def common_rates(device: int, kind: str, channels: int) -> list[int]:
    """The usual rates the device accepts, for error messages and the settings page."""
    check = sd.check_input_settings if kind == "input" else sd.check_output_settings
    rates = []
    for rate in (44_100, 48_000, 88_200, 96_000, 192_000):
        try:
            check(device=device, channels=channels, samplerate=rate, dtype="float32")
        except (sd.PortAudioError, ValueError):
            continue
        rates.append(rate)
    return rates


@dataclass(frozen=True)
class DeviceChoice:
    """What to open. Channels count from 1, as on the interface's front panel."""

    host_api: str | None = None  # None: PortAudio's default host API
    input_device: str | None = None  # None: the host API's default; "" for no input
    output_device: str | None = None
    input_channels: tuple[int, ...] = (1, 2)
    sample_rate: int = 48_000
    block_size: int = 256

    def _find(self, name: str | None, kind: str) -> int | None:
        if name == "":
            return None
        return find_device(name, kind, self.host_api)

    def resolve(self) -> tuple[int | None, int | None]:
        """(input index, output index) after checking that both can run as chosen."""
        inp = self._find(self.input_device, "input")
        out = self._find(self.output_device, "output")
        if inp is not None:
            info = sd.query_devices(inp)
            if not self.input_channels or min(self.input_channels) < 1:
                raise AudioDeviceError("input channels count from 1")
            if max(self.input_channels) > info["max_input_channels"]:
                raise AudioDeviceError(
                    f"the device '{info['name']}' has {info['max_input_channels']} input "
                    f"channels; channel {max(self.input_channels)} does not exist"
                )
            self._check(inp, "input", max(self.input_channels))
        if out is not None:
            self._check(out, "output", min(2, sd.query_devices(out)["max_output_channels"]))
        return inp, out

    def _check(self, index: int, kind: str, channels: int) -> None:
        check = sd.check_input_settings if kind == "input" else sd.check_output_settings
        try:
            check(device=index, channels=channels, samplerate=self.sample_rate, dtype="float32")
        except (sd.PortAudioError, ValueError) as exc:
            name = sd.query_devices(index)["name"]
            verb = "record" if kind == "input" else "play"
            offers = common_rates(index, kind, channels)
            offered = ", ".join(f"{r} Hz" for r in offers) or "no usual rate"
            raise AudioDeviceError(
                f"the device '{name}' cannot {verb} at {self.sample_rate} Hz; it offers "
                f"{offered} ({exc})"
            ) from exc

    def to_json(self) -> dict:
        data = asdict(self)
        data["input_channels"] = list(self.input_channels)
        return data

    @classmethod
    def from_json(cls, data: dict) -> DeviceChoice:
        return cls(
            host_api=data.get("host_api"),
            input_device=data.get("input_device"),
            output_device=data.get("output_device"),
            input_channels=tuple(int(c) for c in data.get("input_channels", (1, 2))),
            sample_rate=int(data.get("sample_rate", 48_000)),
            block_size=int(data.get("block_size", 256)),
        )


@dataclass
class ChoiceStore:
    """The device choice of each machine, in `config_dir/audio-devices.json`."""

    config_dir: Path
    hostname: str = field(default_factory=socket.gethostname)

    @property
    def path(self) -> Path:
        return self.config_dir / CHOICE_FILE

    def _all(self) -> dict:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def load(self) -> DeviceChoice | None:
        entry = self._all().get(self.hostname)
        return DeviceChoice.from_json(entry) if isinstance(entry, dict) else None

    def save(self, choice: DeviceChoice) -> None:
        data = self._all()
        data[self.hostname] = choice.to_json()
        self.config_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.config_dir, prefix=".audio-devices.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def usable_choice(choice: DeviceChoice | None) -> tuple[DeviceChoice, list[str]]:
    """The remembered choice, or the defaults for what is missing, with notices saying so."""
    notices: list[str] = []
    if choice is None:
        return DeviceChoice(), notices
    names = {d.name for d in list_devices()}
    apis = {a.name for a in list_host_apis()}
    host_api, inp, out = choice.host_api, choice.input_device, choice.output_device
    if host_api is not None and host_api not in apis:
        notices.append(f"the audio system '{host_api}' is gone; using the default")
        host_api = inp = out = None
    if inp and inp not in names:
        notices.append(f"the input device '{inp}' is not connected; using the default input")
        inp = None
    if out and out not in names:
        notices.append(f"the output device '{out}' is not connected; using the default output")
        out = None
    channels = choice.input_channels if inp == choice.input_device else (1, 2)
    return (
        DeviceChoice(host_api, inp, out, channels, choice.sample_rate, choice.block_size),
        notices,
    )


_open_streams = 0


def stream_opened() -> None:
    global _open_streams
    _open_streams += 1


def stream_closed() -> None:
    global _open_streams
    _open_streams = max(0, _open_streams - 1)


def rescan() -> bool:
    """Re-reads the device list (hot-plug). False, doing nothing, while a stream is open."""
    if _open_streams:
        return False
    sd._terminate()
    sd._initialize()
    return True


def find_host_api(name: str | None) -> int | None:
    """The index of a host API by name (or part of one); None for "any"."""
    if name is None:
        return None
    apis = list(sd.query_hostapis())
    for index, api in enumerate(apis):
        if api["name"].lower() == name.lower():
            return index
    matches = [i for i, api in enumerate(apis) if name.lower() in api["name"].lower()]
    if not matches:
        names = ", ".join(api["name"] for api in apis)
        raise AudioDeviceError(f"the audio system '{name}' is not available here ({names})")
    return matches[0]


def find_device(spec: int | str | None, kind: str, host_api: str | None = None) -> int:
    """A device index from an index, a name (exact first, else part of one), or None for the
    default; `kind` is "input" or "output"."""
    channels = f"max_{kind}_channels"
    api = find_host_api(host_api)
    devices = sd.query_devices()
    if spec is None:
        if api is not None:
            index = sd.query_hostapis(api)[f"default_{kind}_device"]
        else:
            index = sd.default.device[0 if kind == "input" else 1]
            if index is None or index < 0:
                index = sd.query_devices(kind=kind)["index"]
        if index is None or index < 0:
            raise AudioDeviceError(f"there is no default {kind} device")
        return int(index)
    if isinstance(spec, int) or spec.strip().isdigit():
        index = int(spec)
        if not 0 <= index < len(devices):
            raise AudioDeviceError(f"there is no device {index} (there are {len(devices)})")
        if devices[index][channels] < 1:
            raise AudioDeviceError(f"device {index} ({devices[index]['name']}) has no {kind}s")
        return index
    candidates = [d for d in devices if d[channels] > 0 and (api is None or d["hostapi"] == api)]
    exact = [d for d in candidates if d["name"].lower() == spec.lower()]
    matches = exact or [d for d in candidates if spec.lower() in d["name"].lower()]
    if not matches:
        where = f" on {sd.query_hostapis(api)['name']}" if api is not None else ""
        raise AudioDeviceError(f"no {kind} device{where} matches {spec!r}")
    if len(matches) > 1:
        names = "; ".join(f"{d['index']}: {d['name']}" for d in matches)
        raise AudioDeviceError(
            f"{spec!r} matches several {kind} devices ({names}): give a number or more of the name"
        )
    return int(matches[0]["index"])
