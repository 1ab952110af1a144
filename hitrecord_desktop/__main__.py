"""`python -m hitrecord_desktop`: the same as the hitrecord-desktop command."""

import sys

from .cli import main

sys.exit(main())
