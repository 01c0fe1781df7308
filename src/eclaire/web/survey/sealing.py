"""Drafts sealed with a key that only the respondent's link holds.

A draft is the one place where a secret meets answers. Its row is found by a *locator* and its
content is encrypted with a *sealing key*, both derived from the raw secret of the link (the
personal token, or the one-time code) with HKDF-SHA256 (Krawczyk & Eronen, RFC 5869). The raw
secret is never stored, only an HMAC of it (``collection.tokens.secret_hash``), from which
neither can be derived: whoever reads the database, its files or a backup finds no value shared
by an invitation and a draft, and cannot read a draft's answers. The content is sealed with
AES-256-GCM (NIST SP 800-38D) under a fresh 96-bit nonce at every save; the locator and the
campaign are bound to it as associated data, so a sealed blob moved to another row fails to open.

The server's secret key salts the derivation: a 50-bit one-time code cannot be tried offline
against a stolen database without it.

A personal link changes with every e-mail (a reminder's new token replaces the previous one),
but the draft must survive it: a reminder resumes what the person saved. So for a personal link
the draft's secret is not the token but a *draft secret* made when the invitation is first sent,
and kept on the invitation only **wrapped** (AES-256-GCM under a key derived from the server's
secret key, bound to the invitation and its campaign): whoever reads the database, its files or
a backup finds no value shared by an invitation and a draft and cannot open either. The price,
stated in docs/privacy.md: someone holding the database *and* the server's secret key can open a
draft in progress (never a submitted response: the submit erases the wrapped secret and deletes
the draft in one transaction).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

NONCE_BYTES = 12
_INFO = b"eclaire survey draft v1"


@dataclass(frozen=True)
class DraftKeys:
    """What a link's secret gives: the locator of its draft row and the key of its content."""

    locator: str
    """64 hexadecimal characters: ``Draft.key_hash``."""
    sealing: bytes = field(repr=False)
    """32 bytes, never stored, never logged."""


@dataclass
class DraftContent:
    """A draft's answers as the survey reads and writes them; stored only sealed."""

    answers: dict[str, Any] = field(default_factory=dict)
    """Responses-format column → value."""
    attributes: dict[str, str] = field(default_factory=dict)
    """role, tenure_band, contract, customer_facing ('yes'/'no'/'')."""
    interface_units: list[str] = field(default_factory=list)
    """Codes of the units picked."""
    page: int = 0
    """Highest page saved (1-based)."""


class UnreadableDraft(ValueError):
    """A sealed draft that this key cannot open (another link's, or altered)."""


def draft_keys(secret: str) -> DraftKeys:
    """The draft locator and sealing key of a link's raw ``secret`` (token or normalized code)."""
    if not secret:
        raise ValueError("a draft key needs the link's secret, got an empty one")
    derived = HKDF(
        algorithm=hashes.SHA256(), length=64, salt=settings.SECRET_KEY.encode(), info=_INFO
    ).derive(secret.encode())
    return DraftKeys(locator=derived[32:].hex(), sealing=derived[:32])


_WRAP_INFO = b"eclaire invitation draft secret v1"


def new_draft_secret() -> str:
    """A personal link's draft secret: 256 random bits (see the module's doc)."""
    return os.urandom(32).hex()


def _wrapping_key() -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=settings.SECRET_KEY.encode(), info=_WRAP_INFO
    ).derive(b"wrap")


def wrap_secret(secret: str, invitation_id: int, campaign_id: int) -> bytes:
    """``secret`` sealed for one invitation of one campaign: nonce + ciphertext."""
    nonce = os.urandom(NONCE_BYTES)
    bound = f"invitation:{invitation_id}:{campaign_id}".encode()
    return nonce + AESGCM(_wrapping_key()).encrypt(nonce, secret.encode(), bound)


def unwrap_secret(wrapped: bytes | memoryview, invitation_id: int, campaign_id: int) -> str | None:
    """The draft secret of an invitation, or None (none yet, or not this invitation's)."""
    data = bytes(wrapped or b"")
    if len(data) <= NONCE_BYTES:
        return None
    bound = f"invitation:{invitation_id}:{campaign_id}".encode()
    try:
        plain = AESGCM(_wrapping_key()).decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], bound)
    except InvalidTag:
        return None
    return plain.decode()


def _associated(keys: DraftKeys, campaign_id: int) -> bytes:
    return f"{keys.locator}:{campaign_id}".encode()


def seal(keys: DraftKeys, campaign_id: int, content: DraftContent) -> bytes:
    """``content`` encrypted for the draft row of ``keys`` in ``campaign_id``: nonce + ciphertext."""
    plain = json.dumps(
        {
            "answers": content.answers,
            "attributes": content.attributes,
            "interface_units": content.interface_units,
            "page": content.page,
        },
        separators=(",", ":"),
    ).encode()
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(keys.sealing).encrypt(nonce, plain, _associated(keys, campaign_id))


def unseal(keys: DraftKeys, campaign_id: int, sealed: bytes | memoryview) -> DraftContent:
    """The content of a sealed draft; ``UnreadableDraft`` if this key does not open it."""
    data = bytes(sealed)
    if len(data) <= NONCE_BYTES:
        raise UnreadableDraft("the sealed draft is empty or truncated")
    nonce, body = data[:NONCE_BYTES], data[NONCE_BYTES:]
    try:
        plain = AESGCM(keys.sealing).decrypt(nonce, body, _associated(keys, campaign_id))
    except InvalidTag:
        raise UnreadableDraft("this link's key does not open the draft") from None
    raw = json.loads(plain)
    return DraftContent(
        answers=dict(raw["answers"]),
        attributes=dict(raw["attributes"]),
        interface_units=list(raw["interface_units"]),
        page=int(raw["page"]),
    )


_PENDING_INFO = b"eclaire pending responses v1"


def _pending_key() -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=settings.SECRET_KEY.encode(), info=_PENDING_INFO
    ).derive(b"pending")


def seal_pending(campaign_id: int, rows: list[dict[str, Any]]) -> bytes:
    """Responses waiting for their batch (their fields, JSON), sealed with the server's key."""
    plain = json.dumps(rows, separators=(",", ":"), default=str).encode()
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(_pending_key()).encrypt(nonce, plain, f"pending:{campaign_id}".encode())


def unseal_pending(campaign_id: int, sealed: bytes | memoryview) -> list[dict[str, Any]]:
    data = bytes(sealed)
    nonce, body = data[:NONCE_BYTES], data[NONCE_BYTES:]
    plain = AESGCM(_pending_key()).decrypt(nonce, body, f"pending:{campaign_id}".encode())
    return list(json.loads(plain))
