"""Reading a campaign's free texts for one viewer: placed, scoped, masked and shuffled.

The privacy rule lives in ``eclaire.core.comments`` (each text once, at the lowest shown roll-up,
groups of at least k) and the name masking in ``eclaire.core.masking``. This module loads the
data, applies the viewer's scope (``eclaire.web.accounts.access``) and prepares what the page shows.
Manager self-assessments are left out: their author is known.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from eclaire.core.comments import place_comments, shuffled
from eclaire.core.masking import MaskingModelMissing, Vocabulary, build_vocabulary, mask_texts
from eclaire.web.accounts.access import scope_unit_codes, subtree_codes
from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign
from eclaire.web.campaigns.services import core_instrument
from eclaire.web.campaigns.units import campaign_units
from eclaire.web.comments.themes import ThemeComments, group_by_theme
from eclaire.web.organizations.models import Organization, Person, Unit, UnitFunction
from eclaire.web.responses.models import Response

Node = str | None


@dataclass
class CommentGroup:
    unit: Node
    """Unit code; ``None`` for the whole organization."""
    label: str
    depth: int
    texts: list[str] = field(default_factory=list)


@dataclass
class QuestionComments:
    code: str
    text: str
    groups: list[CommentGroup]
    themes: list[ThemeComments] = field(default_factory=list)
    """The same comments as ``groups``, grouped by theme (:mod:`.themes`)."""

    @property
    def n_comments(self) -> int:
        return sum(len(t.comments) for t in self.themes)


@dataclass
class CommentsPage:
    questions: list[QuestionComments]
    k: int
    unavailable: bool = False
    """The masking model is missing: no comment is shown rather than unmasked ones."""
    parents: Mapping[str, str | None] = field(default_factory=dict)
    """The campaign's unit tree, for the unit filter."""
    order: Mapping[Node, int] = field(default_factory=dict)
    """Each unit's rank in the tree, depth first, siblings by name."""
    written_in: str = "fr"
    """The language the comments are written in (the instrument's first), which also names
    their themes: the respondents' own words, whatever the reader's language."""

    def units(self) -> list[CommentGroup]:
        """Every unit that heads a group of comments on the page, in tree order, once."""
        seen: dict[str, CommentGroup] = {}
        for question in self.questions:
            for group in question.groups:
                if group.unit is not None:
                    seen.setdefault(group.unit, group)
        return sorted(seen.values(), key=lambda g: self.order.get(g.unit, 0))


def campaign_tree(campaign: Campaign) -> tuple[dict[str, str | None], dict[str, str]]:
    """The campaign's unit tree (frozen when it opened, else current): parents and names."""
    rows = campaign_units(campaign)
    parents = {str(r["unit_id"]): r["parent_id"] or None for r in rows}
    return parents, {str(r["unit_id"]): str(r["name"]) for r in rows}


def _texts(campaign: Campaign, question: str, known: Mapping[str, object]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    rows = Response.objects.filter(campaign=campaign, is_self=False).values_list(
        "unit__code", "answers"
    )
    for unit, answers in rows:
        value = (answers or {}).get(f"text:{question}")
        if unit in known and isinstance(value, str) and value.strip():
            out.setdefault(unit, []).append(value.strip())
    return out


def organization_vocabulary(org: Organization) -> Vocabulary:
    """Roster and member names to mask; unit names and functions to keep (both languages)."""
    emails = [
        e for e in Person.objects.filter(organization=org).values_list("email", flat=True) if e
    ]
    emails += [
        m.user.email or m.user.get_username() for m in org.memberships.select_related("user")
    ]
    units = list(Unit.objects.filter(organization=org).values_list("name", flat=True))
    for code in ("fr", "en"):
        with translation.override(code):
            units += [str(label) for label in UnitFunction.labels]
    return build_vocabulary(emails, units)


def _masked(texts: Sequence[str], vocabulary: Vocabulary, placeholder: str) -> list[str]:
    """``mask_texts`` with a cache per text, so a page read twice is masked once."""
    salt = hashlib.sha256(
        repr((sorted(vocabulary.names), sorted(vocabulary.keep), placeholder)).encode()
    )
    keys = [f"eclaire-mask:{hashlib.sha256(salt.digest() + t.encode()).hexdigest()}" for t in texts]
    found = cache.get_many(keys)
    todo = [i for i, key in enumerate(keys) if key not in found]
    fresh = mask_texts([texts[i] for i in todo], vocabulary, placeholder=placeholder)
    cache.set_many({keys[i]: m for i, m in zip(todo, fresh, strict=True)}, timeout=24 * 3600)
    found.update({keys[i]: m for i, m in zip(todo, fresh, strict=True)})
    return [found[key] for key in keys]


def _seed(campaign: Campaign, question: str, node: Node) -> str:
    message = f"{campaign.pk}|{question}|{node}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _tree_order(parents: Mapping[str, str | None], names: Mapping[str, str]) -> dict[Node, int]:
    children: dict[str | None, list[str]] = {}
    for code, parent in parents.items():
        children.setdefault(parent, []).append(code)
    order: dict[Node, int] = {None: 0}
    todo = sorted(children.get(None, []), key=lambda c: names.get(c, c), reverse=True)
    while todo:
        code = todo.pop()
        order[code] = len(order)
        todo += sorted(children.get(code, []), key=lambda c: names.get(c, c), reverse=True)
    return order


def _depth(node: Node, parents: Mapping[str, str | None]) -> int:
    depth = 0
    while node is not None:
        node, depth = parents[node], depth + 1
    return depth


def _visible(placed: Mapping[Node, Sequence[str]], allowed: set[str] | None) -> list[Node]:
    """The groups a viewer sees: all of them for the whole organization, else those in scope."""
    return [node for node in placed if allowed is None or (node is not None and node in allowed)]


def comments_page(
    campaign: Campaign, membership: Membership, *, k: int, language: str, within: str | None
) -> CommentsPage:
    """Every text question of the campaign with the groups of comments this viewer may read.

    ``within``: a unit code to restrict the page to that unit's subtree (already checked against
    the viewer's scope by ``get_unit_for_user``).
    """
    parents, names = campaign_tree(campaign)
    allowed = scope_unit_codes(membership, parents=parents)
    if within is not None:
        subtree = subtree_codes(parents, within)
        allowed = subtree if allowed is None else allowed & subtree
    instrument = core_instrument(campaign.instrument)
    questions = [q for q in instrument.questions if q.kind == "text"]
    order, sections = _tree_order(parents, names), []
    for question in questions:
        placed = place_comments(parents, _texts(campaign, question.code, parents), k).groups
        groups = [
            CommentGroup(
                node,
                names.get(node, node) if node else _("Whole organization"),
                _depth(node, parents),
                list(placed[node]),
            )
            for node in sorted(_visible(placed, allowed), key=lambda n: order.get(n, 0))
        ]
        sections.append(
            QuestionComments(
                question.code, question.text.get(language) or question.text.get("fr", ""), groups
            )
        )
    try:
        _mask_and_shuffle(campaign, sections, organization_vocabulary(campaign.organization))
    except MaskingModelMissing:
        return CommentsPage([QuestionComments(q.code, q.text, []) for q in sections], k, True)
    written_in = instrument.languages[0]
    for section in sections:
        section.themes = group_by_theme(
            section.code,
            section.groups,
            # The texts are embedded in the language they are written in, as in the analysis.
            written_in,
            placeholder=_("[name hidden]"),
        )
    return CommentsPage(sections, k, parents=parents, order=order, written_in=written_in)


def narrowed(
    page: CommentsPage,
    *,
    question: str | None = None,
    unit: str | None = None,
    theme: str | None = None,
) -> CommentsPage:
    """The page with only one question, one unit's subtree or one theme (``None``: all).

    Whole groups are kept or left out (a unit keeps the groups of its subtree), never part of
    a group: every group shown is still one the placement rule allows.
    """
    kept = None if unit is None else subtree_codes(page.parents, unit)
    sections = []
    for section in page.questions:
        if question is not None and section.code != question:
            continue
        if theme is not None and all(t.key != theme for t in section.themes):
            continue
        groups = [g for g in section.groups if kept is None or g.unit in kept]
        themes = []
        for t in section.themes:
            comments = [c for c in t.comments if kept is None or c.unit in kept]
            if comments and (theme is None or t.key == theme):
                themes.append(replace(t, comments=comments))
        sections.append(replace(section, groups=groups, themes=themes))
    return replace(page, questions=sections)


def _mask_and_shuffle(
    campaign: Campaign, sections: list[QuestionComments], vocabulary: Vocabulary
) -> None:
    everything = [t for s in sections for g in s.groups for t in g.texts]
    masked = iter(_masked(everything, vocabulary, _("[name hidden]")) if everything else [])
    for section in sections:
        for group in section.groups:
            texts = [next(masked) for _t in group.texts]
            group.texts = shuffled(texts, _seed(campaign, section.code, group.unit))
