"""An upload waiting for confirmation, kept in the session (stored in the database, never on disk).

One file per organization and kind; a new upload replaces it, confirming or cancelling removes
it. A digest of the bytes is put in the preview's form, so a confirmation imports exactly the
file that was previewed.
"""

from __future__ import annotations

import base64
import hashlib

from django.contrib.sessions.backends.base import SessionBase

from eclaire.core.interchange import FileBytes

KINDS = ("units", "roster")


def _key(org_slug: str, kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown upload kind {kind!r}")
    return f"eclaire-upload:{org_slug}:{kind}"


def digest(file: FileBytes) -> str:
    return hashlib.sha256(file.data).hexdigest()


def stage(session: SessionBase, org_slug: str, kind: str, file: FileBytes) -> str:
    """Keep ``file`` until it is confirmed; returns its digest."""
    session[_key(org_slug, kind)] = {
        "name": file.name,
        "data": base64.b64encode(file.data).decode("ascii"),
    }
    return digest(file)


def staged(session: SessionBase, org_slug: str, kind: str) -> FileBytes | None:
    held = session.get(_key(org_slug, kind))
    if not isinstance(held, dict):
        return None
    return FileBytes(str(held["name"]), base64.b64decode(held["data"]))


def unstage(session: SessionBase, org_slug: str, kind: str) -> None:
    session.pop(_key(org_slug, kind), None)
