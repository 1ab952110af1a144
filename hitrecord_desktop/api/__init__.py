"""Qt-free client of the platform API: requests session, typed results, token store, tus."""

from hitrecord_desktop.api.client import PlatformClient
from hitrecord_desktop.api.errors import ApiError, FieldError
from hitrecord_desktop.api.models import (
    Challenge,
    Contribution,
    Contributor,
    Credit,
    Credits,
    LineageRef,
    Page,
    ServerInfo,
    TokenGrant,
    User,
)
from hitrecord_desktop.api.redaction import RedactSecrets
from hitrecord_desktop.api.token_store import TokenStore, TokenStoreUnavailable
from hitrecord_desktop.api.tus_client import TusUploader, upload_id_from_url

__all__ = [
    "ApiError",
    "Challenge",
    "Contribution",
    "Contributor",
    "Credit",
    "Credits",
    "FieldError",
    "LineageRef",
    "Page",
    "PlatformClient",
    "RedactSecrets",
    "ServerInfo",
    "TokenGrant",
    "TokenStore",
    "TokenStoreUnavailable",
    "TusUploader",
    "User",
    "upload_id_from_url",
]
