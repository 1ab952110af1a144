"""The `challenges` and `login` subcommands: the platform from a terminal."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import asdict
from datetime import datetime

from .api.client import PlatformClient
from .api.errors import ApiError
from .api.token_store import TokenStore, TokenStoreUnavailable
from .api.urls import normalise_server_url
from .connection import open_current
from .local_community import LocalCommunityError
from .paths import AppPaths
from .user_settings import Account, load_settings, save_settings


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def list_challenges(args: argparse.Namespace, paths: AppPaths) -> int:
    """Prints the challenges of a server: a table, or JSON lines with --json."""
    settings = load_settings(paths.settings_file)
    try:
        connection = open_current(paths, settings, TokenStore(), args.server)
    except (LocalCommunityError, ValueError) as exc:
        print(f"hitrecord-desktop: {exc}", file=sys.stderr)
        return 2
    try:
        if connection.notice:
            print(connection.notice, file=sys.stderr)
        filters = {"q": args.query, "role": args.role, "kind": args.kind, "status": args.status}
        shown = 0
        for challenge in connection.client.iter_challenges(**filters):
            if shown >= args.limit:
                break
            shown += 1
            if args.json:
                print(json.dumps(asdict(challenge), default=_json_default))
            else:
                deadline = challenge.deadline.date().isoformat() if challenge.deadline else "—"
                roles = ", ".join(challenge.roles)
                print(
                    f"{challenge.id:>6}  {challenge.title[:48]:<48}  {roles:<20}"
                    f"  {challenge.kind:<5}  {challenge.contribution_count:>3}  {deadline}"
                )
        if not args.json:
            print(f"{shown} challenge(s) on {connection.label}", file=sys.stderr)
        return 0
    except ApiError as exc:
        print(f"hitrecord-desktop: {exc}", file=sys.stderr)
        return 1
    finally:
        connection.close()


def login(args: argparse.Namespace, paths: AppPaths) -> int:
    """Signs in, keeps the token in the keyring and makes the server the current one."""
    try:
        server = normalise_server_url(args.server)
    except ValueError as exc:
        print(f"hitrecord-desktop: {exc}", file=sys.stderr)
        return 2
    username = args.username or input("Username: ").strip()
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
    with PlatformClient(server) as client:
        try:
            grant = client.login(username, password)
        except ApiError as exc:
            print(f"hitrecord-desktop: {exc}", file=sys.stderr)
            return 1
    settings = load_settings(paths.settings_file)
    settings.remember_account(Account(server, username.lower()))
    settings.current_server = server
    save_settings(paths.settings_file, settings)
    try:
        TokenStore().save(server, username.lower(), grant.access_token)
    except TokenStoreUnavailable as exc:
        print(f"Signed in to {server} as {username}. {exc}", file=sys.stderr)
        return 0
    print(f"Signed in to {server} as {username}; the sign-in is kept in your keyring.")
    return 0
