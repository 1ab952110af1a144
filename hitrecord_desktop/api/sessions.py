"""The two HTTP sessions the client uses: one that retries, one that never does.

Retrying is only safe when repeating a request cannot do a thing twice. urllib3's `Retry` cannot
see which request it is looking at beyond the method, and it retries connection errors even for
POST, so instead of one clever policy there are two sessions and the client picks one per request:

* `retrying`: GET/HEAD/PUT/DELETE/OPTIONS, and POST /contributions (safe because it carries an
  `Idempotency-Key` the server deduplicates on). Connection errors, read errors and 429/502/503/504
  are retried with exponential backoff, honouring `Retry-After` (capped so a slow server cannot
  freeze a worker for minutes).
* `single_shot`: every other POST (register, sign in, create a challenge, tus creation) and tus
  PATCH, whose resumption the tus uploader does itself.
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_RETRY_AFTER_SECONDS = 10


def retry_policy(retries: int, backoff: float) -> Retry:
    """Backoff `backoff * 2**(n-1)` seconds between tries; the final answer is returned as is."""
    return Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        # POST is allowed here only because the client sends nothing but idempotent requests
        # (POST with an Idempotency-Key) through the retrying session.
        allowed_methods=IDEMPOTENT_METHODS | {"POST"},
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff,
        backoff_max=8,
        respect_retry_after_header=True,
        retry_after_max=MAX_RETRY_AFTER_SECONDS,
        raise_on_status=False,
    )


def _session(retry: Retry, user_agent: str) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    adapter = HTTPAdapter(max_retries=retry, pool_connections=4, pool_maxsize=8)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def retrying_session(retries: int, backoff: float, user_agent: str) -> requests.Session:
    return _session(retry_policy(retries, backoff), user_agent)


def single_shot_session(user_agent: str) -> requests.Session:
    return _session(Retry(total=0, read=False), user_agent)
