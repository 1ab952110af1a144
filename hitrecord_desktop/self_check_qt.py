"""The self-check's Qt parts: Qt Multimedia's backend really decodes a picture, and the
translations load. Kept apart from self_check.py so that its other checks never load Qt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QLibraryInfo, QTimer, QTranslator, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtMultimedia import (
    QMediaCaptureSession,
    QMediaDevices,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)

from .resources_path import resource
from .self_check import CheckFailed
from .ui.app_icon import ICON_SIZES, app_icon
from .ui.preferences import LANGUAGES

PICTURE_TIMEOUT_MS = 15_000
# A string of the main window's account page and its German translation, as in the .ts file.
PROBE_CONTEXT, PROBE_SOURCE = "AccountPage", "Servers"


def application() -> QCoreApplication:
    """The running Qt application, or a new headless-capable one (QT_QPA_PLATFORM decides)."""
    return QGuiApplication.instance() or QGuiApplication(["hitrecord-desktop"])


def check_qt_multimedia(media: Path) -> str:
    """Devices are listed, a capture session builds, and the backend (FFmpeg) decodes the
    bundled video to a picture: the plugin and its libraries were found."""
    application()
    devices = QMediaDevices()
    cameras = len(devices.videoInputs())
    microphones = len(devices.audioInputs())
    session = QMediaCaptureSession()
    del session
    player = QMediaPlayer()
    sink = QVideoSink()
    player.setVideoOutput(sink)
    size: list[tuple[int, int]] = []
    errors: list[str] = []
    loop = QEventLoop()

    def on_frame(frame: QVideoFrame) -> None:
        if frame.isValid() and not size:
            size.append((frame.width(), frame.height()))
            loop.quit()

    def on_error(_error: QMediaPlayer.Error, text: str) -> None:
        errors.append(text)
        loop.quit()

    sink.videoFrameChanged.connect(on_frame)
    player.errorOccurred.connect(on_error)
    QTimer.singleShot(PICTURE_TIMEOUT_MS, loop.quit)
    player.setSource(QUrl.fromLocalFile(str(media)))
    player.play()
    loop.exec()
    player.stop()
    if errors or not size:
        why = errors[0] if errors else f"no picture in {PICTURE_TIMEOUT_MS / 1000:.0f} s"
        raise CheckFailed(f"QMediaPlayer could not decode {media.name}: {why}")
    width, height = size[0]
    return (
        f"decoded a {width}x{height} picture; {cameras} cameras, {microphones} audio inputs, "
        "capture session created"
    )


def check_translations() -> str:
    """Our .qm files load and translate, and Qt's own (qtbase) are there for the dialogs."""
    application()
    folder = resource("translations")
    loaded = []
    for language in (code for code in LANGUAGES if code != "en"):
        ours = QTranslator()
        if not ours.load(f"hitrecord_{language}", str(folder)):
            raise CheckFailed(f"hitrecord_{language}.qm does not load from {folder}")
        translated = ours.translate(PROBE_CONTEXT, PROBE_SOURCE)
        if not translated or translated == PROBE_SOURCE:
            raise CheckFailed(f"hitrecord_{language}.qm has no translation of {PROBE_SOURCE!r}")
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not QTranslator().load(f"qtbase_{language}", qt_folder):
            raise CheckFailed(f"Qt's qtbase_{language}.qm is missing from {qt_folder}")
        loaded.append(language)
    return f"{', '.join(loaded)} load (ours and Qt's)"


def check_app_icon() -> str:
    """The window icon's PNGs were bundled, in every size."""
    application()
    icon = app_icon()
    sizes = sorted(size.width() for size in icon.availableSizes())
    if sizes != sorted(ICON_SIZES):
        raise CheckFailed(f"icon sizes {sizes}, expected {list(ICON_SIZES)}")
    return f"{len(sizes)} sizes, {sizes[0]} to {sizes[-1]} px"
