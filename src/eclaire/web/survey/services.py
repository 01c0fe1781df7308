"""Writes of the survey: saving a page of the draft, and the final submit that counts once."""

from __future__ import annotations

import enum
import functools
import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet

from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.collection.models import AccessCode, Invitation
from eclaire.web.dbfiles import truncate_log_after_commit
from eclaire.web.organizations.models import Person
from eclaire.web.responses.models import Response
from eclaire.web.survey.access import Access
from eclaire.web.survey.compiled import hot_cursor
from eclaire.web.survey.flow import draft_from_row
from eclaire.web.survey.generalize import ATTRIBUTE_ORDER, generalize_attributes
from eclaire.web.survey.models import Draft, Pending
from eclaire.web.survey.sealing import DraftContent, seal, seal_pending, unseal, unseal_pending
from eclaire.web.survey.sections import SELF_PREFIX


class Submitted(enum.Enum):
    DONE = "done"
    NOTHING = "nothing"
    """The secret is valid but nothing was answered yet: back to the survey."""
    GONE = "gone"
    """Already submitted, closed in the meantime, or unknown: the plain page."""


class Saved(enum.Enum):
    DONE = "done"
    STALE = "stale"
    """Another save of the draft came first: read the survey again and retry."""
    GONE = "gone"
    """Submitted, closed or used in the meantime: the plain page, nothing stored."""


def _still_answering(access: Access) -> bool:
    """Lock the campaign and the secret, then tell whether answers may still be stored.

    Closing locks the campaign row and submitting locks the invitation or code row, so a first
    save that waits here sees what they did and cannot leave a draft behind them.
    """
    open_ = Campaign.objects.select_for_update().filter(
        pk=access.campaign.pk, status=CampaignStatus.OPEN
    )
    if not open_.exists():
        return False
    if access.kind == "token":
        return (
            Invitation.objects.select_for_update()
            .filter(token_hash=access.secret_hash, finished=False)
            .exists()
        )
    return (
        AccessCode.objects.select_for_update()
        .filter(code_hash=access.secret_hash, used=False)
        .exists()
    )


def do_save_page(
    access: Access,
    draft: Draft,
    *,
    columns: tuple[str, ...],
    answers: dict[str, Any],
    page: int,
    about: dict[str, str] | None = None,
    units: list[str] | None = None,
) -> Saved:
    """Replace one page's answers in ``draft`` as read by ``load_survey``, in one statement.

    The whole content is sealed again with the link's key (``survey.sealing``): nothing of it is
    stored in clear.

    The first save inserts the draft, once the campaign is known to be open and the secret
    unused. Later saves update it only if nobody saved it since it was read (its revision is
    unchanged), so no answer of a concurrent save (a second tab, a double click) is overwritten;
    a draft deleted by a submit or by closing is never written again.
    ``page`` is the page number when the page was completed, 0 when it was left incomplete.
    """
    merged = {k: v for k, v in draft.answers.items() if k not in columns}
    merged.update(answers)
    attributes = {**draft.attributes, **(about or {})}
    interface_units = list(draft.interface_units)
    if units is not None:
        dropped = tuple(f"if:{code}:" for code in set(interface_units) - set(units))
        merged = {k: v for k, v in merged.items() if not k.startswith(dropped or ("\0",))}
        interface_units = list(units)
    content = DraftContent(merged, attributes, interface_units, max(draft.page, page))
    sealed = seal(access.keys, draft.campaign_id, content)
    if draft.pk is None:
        try:
            with transaction.atomic():
                if not _still_answering(access):
                    return Saved.GONE
                saved = Draft.objects.create(
                    campaign=draft.campaign,
                    key_hash=draft.key_hash,
                    unit=draft.unit,
                    sealed=sealed,
                    revision=1,
                )
        except IntegrityError:  # the same draft was created meanwhile
            return Saved.STALE
        draft.pk, draft.revision = saved.pk, saved.revision
    else:
        with hot_cursor() as cursor:
            cursor.execute(_update_sql(connection.vendor), (sealed, draft.pk, draft.revision))
            if cursor.rowcount != 1:
                return Saved.STALE
        draft.revision += 1
    draft.sealed, draft.content = sealed, content
    return Saved.DONE


@functools.cache
def _update_sql(vendor: str) -> str:
    """The statement of every save after the first: the sealed content replaced and the revision
    bumped only if it is still the one read. Written once per process: building it through the
    ORM (``QuerySet.update`` with ``F``) took a fifth of a save's instructions (1.2 of 6 M)."""
    del vendor  # part of the cache key only
    q = connection.ops.quote_name
    table, sealed, pk, revision = (
        q(n) for n in (Draft._meta.db_table, "sealed", Draft._meta.pk.column, "revision")
    )
    return (
        f"UPDATE {table} SET {revision} = {revision} + 1, {sealed} = %s"
        f" WHERE {pk} = %s AND {revision} = %s"
    )


def _roster(draft: Draft) -> list[dict[str, str]]:
    rows = Person.objects.filter(unit_id=draft.unit_id).values_list(*ATTRIBUTE_ORDER)
    out = []
    for role, cf, tenure, contract in rows:
        cf_text = "" if cf is None else ("yes" if cf else "no")
        out.append(
            {"role": role, "customer_facing": cf_text, "tenure_band": tenure, "contract": contract}
        )
    return out


def _cf(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def build_responses(draft: Draft, *, is_manager: bool, k: int) -> list[Response]:
    """The anonymous responses of a finished draft: no token, person, time or address."""
    team = {c: v for c, v in draft.answers.items() if not c.startswith(SELF_PREFIX)}
    kept = generalize_attributes(draft.attributes, _roster(draft), k)
    out = [
        Response(
            campaign_id=draft.campaign_id,
            unit_id=draft.unit_id,
            role=kept["role"],
            tenure_band=kept["tenure_band"],
            contract=kept["contract"],
            customer_facing=_cf(kept["customer_facing"]),
            is_self=False,
            answers=team,
        )
    ]
    mine = {c[len(SELF_PREFIX) :]: v for c, v in draft.answers.items() if c.startswith(SELF_PREFIX)}
    if is_manager and mine:
        out.append(
            Response(
                campaign_id=draft.campaign_id,
                unit_id=draft.unit_id,
                role="manager",
                is_self=True,
                answers=mine,
            )
        )
    return out


def _claim(access: Access) -> bool:
    """Mark the invitation finished (its wrapped draft secret erased with it) or the code used,
    in one statement that locks its row; False if that was already done."""
    if access.kind == "token":
        rows = Invitation.objects.filter(token_hash=access.secret_hash, finished=False)
        return rows.update(finished=True, draft_secret=b"") == 1
    return (
        AccessCode.objects.filter(code_hash=access.secret_hash, used=False).update(used=True) == 1
    )


@functools.cache
def _take_sql(vendor: str) -> str:
    """Delete the draft of a locator and return its columns (``access.DRAFT_COLUMNS``), if its
    campaign is open: one statement where reading the campaign, locking the draft and deleting it
    took three. Both SQLite (3.35 and later) and PostgreSQL return the deleted row."""
    del vendor  # part of the cache key only
    q = connection.ops.quote_name
    campaign = Campaign._meta
    draft = Draft._meta
    columns = ", ".join(q(f.column) for f in draft.concrete_fields)  # in DRAFT_COLUMNS' order
    return (
        f"DELETE FROM {q(draft.db_table)} WHERE {q('key_hash')} = %s AND EXISTS (SELECT 1 FROM"
        f" {q(campaign.db_table)} WHERE {q(campaign.pk.column)} = %s AND {q('status')} = %s)"
        f" RETURNING {columns}"
    )


def _take_draft(access: Access) -> Draft | None:
    """The draft of ``access``, deleted, if there is one and its campaign is still open."""
    with connection.cursor() as cursor:
        cursor.execute(
            _take_sql(connection.vendor),
            (access.key_hash, access.campaign.pk, CampaignStatus.OPEN.value),
        )
        return draft_from_row(cursor.fetchone())


@transaction.atomic
def do_submit(access: Access, *, k: int | None = None, read: Draft | None = None) -> Submitted:
    """Store the draft as anonymous response(s) exactly once; idempotent under replays.

    ``read`` is the draft as this request already read and opened it: its content is used if
    the draft taken is that same revision, instead of opening it again.
    On SQLite the write-ahead log is emptied once this commits (``eclaire.web.dbfiles``).
    """
    draft = _take_draft(access)
    if draft is None:
        is_open = Campaign.objects.filter(
            pk=access.campaign.pk, status=CampaignStatus.OPEN
        ).exists()
        if not is_open:
            return Submitted.GONE
        done = (
            Invitation.objects.filter(token_hash=access.secret_hash, finished=True).exists()
            or AccessCode.objects.filter(code_hash=access.secret_hash, used=True).exists()
        )
        return Submitted.GONE if done else Submitted.NOTHING
    if not _claim(access):
        transaction.set_rollback(True)  # the draft stays, as it was
        return Submitted.GONE
    k = settings.ECLAIRE_MIN_GROUP if k is None else k
    draft.content = _opened(access, draft, read)
    _store(draft, build_responses(draft, is_manager=access.is_manager, k=k))
    truncate_log_after_commit()  # the log would show the finished invitation beside the response
    return Submitted.DONE


def _opened(access: Access, taken: Draft, read: Draft | None) -> DraftContent:
    """The content of the draft taken: that of ``read`` if it is the same sealed revision."""
    if (
        read is not None
        and read.pk == taken.pk
        and read.revision == taken.revision
        and bytes(read.sealed) == bytes(taken.sealed)
    ):
        return read.content
    return unseal(access.keys, taken.campaign_id, taken.sealed)


_random = secrets.SystemRandom()
_RESPONSE_FIELDS = tuple(f.attname for f in Response._meta.concrete_fields)


def _store(draft: Draft, responses: list[Response]) -> None:
    """Write ``responses`` through their unit's batch (``ECLAIRE_RESPONSE_BATCH``).

    They wait sealed (``Pending``) until at least a batch of the unit's answers are waiting;
    then all of them are written to ``Response`` in this transaction, in random order. The
    invitation finished in this transaction then shares its PostgreSQL ``xmin`` with a batch of
    responses of which its own is any one (docs/privacy.md, collection)."""
    batch = settings.ECLAIRE_RESPONSE_BATCH
    if batch <= 1:
        Response.objects.bulk_create(responses)
        return
    rows = [{name: getattr(r, name) for name in _RESPONSE_FIELDS} for r in responses]
    Pending.objects.create(
        campaign_id=draft.campaign_id,
        unit_id=draft.unit_id,
        sealed=seal_pending(draft.campaign_id, rows),
    )
    waiting = Pending.objects.select_for_update().filter(
        campaign_id=draft.campaign_id, unit_id=draft.unit_id
    )
    if len(waiting) >= batch:
        flush_pending(waiting)


def flush_pending(waiting: QuerySet[Pending]) -> int:
    """Write every pending response of ``waiting`` to ``Response`` in random order, and delete
    the pending rows; returns how many responses were written. Call inside a transaction."""
    rows = [
        row for pending in waiting for row in unseal_pending(pending.campaign_id, pending.sealed)
    ]
    _random.shuffle(rows)
    Response.objects.bulk_create(Response(**row) for row in rows)
    waiting.delete()
    return len(rows)


def do_purge_drafts() -> int:
    """Delete the drafts of every campaign that is no longer open; returns how many."""
    deleted, _by_model = Draft.objects.exclude(campaign__status=CampaignStatus.OPEN).delete()
    return deleted
