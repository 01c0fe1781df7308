"""The waves (campaigns) of an organization with their dates, response rate and index.

The response rate is the organization's whole: responses over the people invited by link plus
the one-time codes printed, shown only when at least K were invited (a smaller whole would
describe a small group). A campaign whose responses were imported has neither: its rate is then
taken over the people on the roster, and says so. The coherence index is the organization's overall one, read from the
stored result through the one reader (``ResultView``); it is for organizers only, as a manager's
view of a result never holds the overall figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from eclaire.core.result.view import ResultView
from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Organization
from eclaire.web.results.stored import load_result


@dataclass(frozen=True)
class Wave:
    campaign: Campaign
    responses: int
    invited: int
    rate: float | None
    """Share 0–1 of the invited who answered; ``None`` when fewer than K were invited."""
    of_roster: bool
    """The rate is over the roster (responses imported, nobody invited through Éclaire)."""
    index: float | None
    index_n: int | None


def _index(campaign: Campaign) -> tuple[float | None, int | None]:
    _stored, data = load_result(campaign)
    if not data:
        return None, None
    entry = ResultView(data).index(None)
    if entry is None:
        return None, None
    n = entry.get("n")
    return float(entry["value"]), int(n) if n is not None else None


def organization_waves(org: Organization, *, min_group: int, with_index: bool) -> list[Wave]:
    """The organization's campaigns, latest first, each with its counts."""
    campaigns = (
        Campaign.objects.filter(organization=org)
        .select_related("previous", "instrument")
        .order_by("-opens_on", "-pk")
    )
    waves = []
    roster = org.people.count()
    for c in campaigns:
        invited = c.invitations.count() + c.access_codes.count()
        responses = c.responses.filter(is_self=False).count()
        of_roster = invited == 0 and responses > 0
        basis = roster if of_roster else invited
        rate = min(responses / basis, 1.0) if basis >= min_group else None
        index, index_n = _index(c) if with_index else (None, None)
        waves.append(Wave(c, responses, invited, rate, of_roster, index, index_n))
    return waves
