"""The bundle's entry point: the same `main` as the hitrecord-desktop command (PyInstaller runs
this file as a script, where hitrecord_desktop/__main__.py's relative import cannot work)."""

import sys

from hitrecord_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
