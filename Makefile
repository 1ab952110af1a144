# HitRecord Desktop: one-command set-up, run and test on Debian/Ubuntu. `make help` lists targets.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
VENV_PY := $(VENV)/bin/python
# Touched after the lock and the project are installed; newer than both = nothing to do.
VENV_STAMP := $(VENV)/.hitrecord-installed
ENSURE_PACKAGES := .ci/ensure-debian-packages
ARGS ?=
PYTEST_ARGS ?=
BENCH_ARGS ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

# What the app loads from the system (found with ldd on the PySide6 wheels; the rest of
# their needs comes in as dependencies of these).
#   libportaudio2           sounddevice loads PortAudio with ctypes
#   libvlc5                 python-vlc loads libVLC with ctypes
#   vlc-plugin-base         libVLC's demuxers, codecs and audio outputs
#   vlc-plugin-video-output libVLC's X11/OpenGL video outputs, for set_xwindow embedding
#   libglib2.0-0            QtCore's event loop
#   libegl1 libgl1          QtGui links libEGL and libGL
#   libfontconfig1          QtGui finds fonts through fontconfig
#   libdbus-1-3             QtDBus (and QtGui's desktop integration)
#   libgssapi-krb5-2        QtNetwork links GSSAPI
#   libpulse0               libQt6Multimedia links libpulse
#   libxrandr2              Qt Multimedia's FFmpeg plugin (screen capture) links Xrandr
#   libx11-xcb1 libxcb-*    the xcb platform plugin (X11 desktops); without icccm4 or keysyms1
#     libxkbcommon-x11-0    Qt's error wrongly blames libxcb-cursor0
#   libwayland-cursor0      the wayland platform plugin (Wayland desktops)
RUNTIME_PACKAGES := \
	libportaudio2 \
	libvlc5 vlc-plugin-base vlc-plugin-video-output \
	libglib2.0-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libgssapi-krb5-2 \
	libpulse0 libxrandr2 \
	libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 \
	libwayland-cursor0

# The test services of .ci/with-test-services, and tools the tests call.
#   xvfb xauth              a virtual X display through xvfb-run
#   pulseaudio              the null sink `vsink` and its loopback source `vmic`
#   pulseaudio-utils        pactl and pacat
#   libasound2-plugins      ALSA's `pulse` device, PortAudio's way into PulseAudio
#   jackd2                  JACK's dummy backend: a sample-exact device (jackd, jack_connect)
#   ffmpeg                  makes and checks media files in tests
#   sox                     makes test media with a second, independent encoder (FLAC, Ogg, WAV)
#   espeak-ng               speech for the media tests: real speech, not only sines and clicks
#   postgresql              a throw-away database cluster for the platform server's tests
#   dbus                    a private session bus (dbus-run-session), away from the desktop keyring
#   gnome-keyring           a real Secret Service on that private bus, for the keyring tests
#   desktop-file-utils      desktop-file-validate checks the installers' .desktop file
#   appstream               appstreamcli validates their AppStream metainfo
#   shellcheck              lints the installers' shell scripts
TEST_PACKAGES := xvfb xauth pulseaudio pulseaudio-utils libasound2-plugins jackd2 ffmpeg sox \
	espeak-ng postgresql dbus gnome-keyring desktop-file-utils appstream shellcheck

# Building the Linux bundle (make dist). PyInstaller reads ELF files with objdump and writes the
# executable with objcopy; the bundle copies the RUNTIME_PACKAGES libraries it links (PortAudio,
# libpulse...) from this machine, except libVLC: the installed app uses the system's.
#   binutils                objdump and objcopy
DIST_PACKAGES := binutils
DIST_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n 1)
DIST_ARCHIVE := dist/hitrecord-desktop-$(DIST_VERSION)-linux-$(shell uname -m).tar.gz
DIST_SOURCES := pyproject.toml requirements.lock \
	$(shell find hitrecord_desktop resources installers -type f -not -path '*/__pycache__/*')

.PHONY: help install system-packages test-packages run test lint bench screenshots openapi project-schema lock \
	translations clean dist dist-test

help:
	@echo "make run      install what is missing, then start the app"
	@echo "make test     install what is missing, lint, then the tests inside the test services"
	@echo "make install  system packages and .venv only (does nothing when up to date)"
	@echo "make lint     ruff check and ruff format --check"
	@echo "make bench    run the benchmarks (results also in .bench/results.json)"
	@echo "make screenshots  draw the main states of the window into screenshots/ (Xvfb)"
	@echo "make openapi  write resources/openapi.json from the platform server"
	@echo "make project-schema  write resources/project.schema.json from the project file models"
	@echo "make lock     regenerate requirements.lock from pyproject.toml"
	@echo "make translations  update resources/translations/*.ts from the UI code, compile the .qm"
	@echo "make dist     build the Linux bundle dist/hitrecord-desktop/ and its tar.gz"
	@echo "make dist-test  build if needed, install the tar.gz and run its --self-check, clean env"
	@echo "make clean    remove .venv, caches and build output"

install: system-packages $(VENV_STAMP)

system-packages:
	@$(ENSURE_PACKAGES) $(RUNTIME_PACKAGES)

test-packages:
	@$(ENSURE_PACKAGES) $(TEST_PACKAGES)

# Debian's python3 has no ensurepip without python3-venv: install that only when venv fails.
$(VENV_PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "HitRecord Desktop needs Python 3.11 or newer; try: make PYTHON=python3.11 ..."; exit 1; }
	@if ! $(PYTHON) -m venv $(VENV) >/dev/null 2>&1; then \
	  rm -rf $(VENV); \
	  $(ENSURE_PACKAGES) python3-venv; \
	  $(PYTHON) -m venv $(VENV); \
	fi

$(VENV_STAMP): requirements.lock pyproject.toml | $(VENV_PY)
	@echo "Installing requirements.lock and the project into $(VENV)"
	$(VENV_PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(VENV_PY) -m pip install --quiet --no-deps -e .
	@touch $@

run: install
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}$${QT_QPA_PLATFORM:-}" ]; then \
	  $(ENSURE_PACKAGES) xvfb xauth; \
	  echo "make run: no display (DISPLAY and WAYLAND_DISPLAY are empty, QT_QPA_PLATFORM is not set)."; \
	  echo "Start it on a virtual screen instead:"; \
	  echo "    xvfb-run -a make run"; \
	  echo "(xvfb and xauth are installed for that), or with no screen at all: QT_QPA_PLATFORM=offscreen make run"; \
	  exit 2; \
	fi
	$(VENV)/bin/hitrecord-desktop $(ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint test-packages
	.ci/with-test-services $(VENV_PY) -m pytest $(PYTEST_ARGS)

# The main states of the window, drawn on a virtual X screen into screenshots/ (look at them).
screenshots: install test-packages
	QT_QPA_PLATFORM=xcb .ci/with-test-services $(VENV_PY) -m tests.ui.make_screenshots screenshots

# Inside the test services: the live-audio benchmarks need the JACK and PulseAudio servers.
bench: install test-packages
	.ci/with-test-services $(VENV_PY) -m benchmarks $(BENCH_ARGS)

openapi: install
	$(VENV)/bin/hitrecord-desktop server --print-openapi > resources/openapi.json.tmp
	mv resources/openapi.json.tmp resources/openapi.json

project-schema: install
	$(VENV_PY) -m hitrecord_desktop.project.file_format > resources/project.schema.json.tmp
	mv resources/project.schema.json.tmp resources/project.schema.json

# Uses uv from PATH, else a throw-away venv with uv in it.
lock:
	@if command -v uv >/dev/null 2>&1; then uv=uv; else \
	  tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	  $(PYTHON) -m venv "$$tools" && "$$tools/bin/pip" install --quiet uv; \
	  uv="$$tools/bin/uv"; \
	fi; \
	"$$uv" pip compile pyproject.toml --extra dev --extra dist --python-version 3.11 --generate-hashes \
	  -o requirements.lock

dist: $(DIST_ARCHIVE)

# PyInstaller's one-folder bundle (~1 min), then the tar.gz with install.sh (~20 s).
$(DIST_ARCHIVE): $(DIST_SOURCES) | install
	@$(ENSURE_PACKAGES) $(DIST_PACKAGES)
	@started=$$(date +%s); \
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
	  installers/hitrecord-desktop.spec; \
	$(VENV_PY) installers/linux/make_archive.py; \
	echo "make dist: built in $$(( $$(date +%s) - started )) s: $$(du -sh dist/hitrecord-desktop | cut -f1) folder, $$(du -sh $@ | cut -f1) archive"

# Installs the archive into a temporary home, runs its --self-check with no venv in sight, then
# starts the installed app until its window shows challenges (~20 s).
dist-test: dist test-packages
	.ci/with-test-services installers/linux/test_archive.sh $(DIST_ARCHIVE)

# The .qm files are committed, so a fresh checkout runs translated without this step.
LANGUAGES := de it
TRANSLATIONS := resources/translations
translations: install
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations relative \
	  $(wildcard hitrecord_desktop/ui/*.py hitrecord_desktop/ui/*/*.py) $(foreach l,$(LANGUAGES),-ts $(TRANSLATIONS)/hitrecord_$(l).ts)
	@for l in $(LANGUAGES); do \
	  $(VENV)/bin/pyside6-lrelease $(TRANSLATIONS)/hitrecord_$$l.ts -qm $(TRANSLATIONS)/hitrecord_$$l.qm; \
	done

clean:
	rm -rf $(VENV) .bench .pytest_cache .ruff_cache .hypothesis build dist *.egg-info
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# --- AppImage (installers/linux/make_appimage.sh) --------------------------------------------
# The one-folder bundle as an AppImage. Needs appimagetool (APPIMAGETOOL=/path or on PATH): it
# comes only from the AppImage project's GitHub releases, so .github/workflows/release.yml builds
# the image; without it this makes dist/hitrecord-desktop.AppDir and says where to get the tool.
.PHONY: appimage
appimage:
	@[ -x dist/hitrecord-desktop/hitrecord-desktop ] || $(MAKE) dist
	installers/linux/make_appimage.sh
