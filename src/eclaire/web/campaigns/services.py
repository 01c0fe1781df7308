"""Instruments and campaigns: registering a questionnaire version, creating a wave."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.db import transaction

from eclaire.core.instrument import Instrument as CoreInstrument
from eclaire.core.instrument_loader import default_instrument_path, load_instrument
from eclaire.web.campaigns.models import Campaign, CampaignStatus, Instrument
from eclaire.web.organizations.models import Organization


def do_register_instrument(source: str | Path = "coherence") -> Instrument:
    """Store an instrument version (a default id such as ``coherence``, or a YAML file path).

    The YAML is validated first; a version already stored is returned unchanged, so a campaign
    keeps exactly what was asked even if the file changes later.
    """
    path = (
        Path(source)
        if Path(str(source)).suffix in (".yaml", ".yml")
        else default_instrument_path(str(source))
    )
    text = path.read_text(encoding="utf-8")
    parsed = load_instrument(path)
    row, _created = Instrument.objects.get_or_create(
        code=parsed.id,
        version=parsed.version,
        defaults={"source": text, "title": dict(parsed.title or {})},
    )
    return row


@lru_cache(maxsize=32)
def _parse(source: str) -> CoreInstrument:
    return load_instrument(source)


def core_instrument(instrument: Instrument) -> CoreInstrument:
    """The core instrument of a stored version (parsed once per process)."""
    return _parse(instrument.source)


@transaction.atomic
def do_get_or_create_campaign(
    org: Organization, slug: str, *, name: str | None = None, instrument: Instrument | None = None
) -> Campaign:
    campaign = Campaign.objects.filter(organization=org, slug=slug).first()
    if campaign is not None:
        return campaign
    instrument = instrument or do_register_instrument("coherence")
    core = core_instrument(instrument)
    ranking = core.ranking
    return Campaign.objects.create(
        organization=org,
        slug=slug,
        name=name or slug,
        instrument=instrument,
        status=CampaignStatus.DRAFT,
        declared_priorities=[o.code for o in ranking.options] if ranking else [],
    )
