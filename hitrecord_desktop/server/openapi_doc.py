"""The platform API's OpenAPI document as committed in resources/openapi.json (`make openapi`
writes it; a test checks the committed copy is current)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .app import create_app
from .settings import ServerSettings


def render_openapi() -> str:
    """The document, as stable text: keys sorted, two-space indent, a final newline."""
    with tempfile.TemporaryDirectory(prefix="hitrecord-openapi-") as data_dir:
        app = create_app(ServerSettings(data_dir=Path(data_dir)))
        try:
            document = app.openapi()
        finally:
            app.state.db.dispose()
    return json.dumps(document, indent=2, sort_keys=True) + "\n"
