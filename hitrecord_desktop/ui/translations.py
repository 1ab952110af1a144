"""Installs the translations of the chosen language at start: ours (resources/translations/
hitrecord_<lang>.qm, made by `make translations`) and Qt's own for standard dialogs (qtbase_<lang>
from the PySide6 wheel). A change in the settings applies at the next start."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resources_path import resource
from .preferences import LANGUAGES

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = resource("translations")


def pick_language(chosen: str, locale: QLocale | None = None) -> str:
    """The chosen language, or the system's when none was chosen and we have it; else English."""
    if chosen in LANGUAGES:
        return chosen
    for name in (locale or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def install_translations(
    app: QCoreApplication, chosen: str, folder: Path = TRANSLATIONS_DIR
) -> list[QTranslator]:
    """Loads and installs the translators (kept alive as children of the app); returns them.
    English needs none. A missing file is logged, never fatal: the app runs in English."""
    language = pick_language(chosen)
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(f"hitrecord_{language}", str(folder)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation hitrecord_%s.qm in %s; using English", language, folder)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    QLocale.setDefault(QLocale(language))
    return installed
