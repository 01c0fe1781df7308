"""The comments page: groups of at least 10, each text once, names masked, HTML inert."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign
from eclaire.web.campaigns.services import do_register_instrument
from eclaire.web.organizations.models import Person
from eclaire.web.responses.models import Response

Q = "text:MSG_PRIORITY"


@pytest.fixture
def campaign(world) -> Campaign:
    """DG has 1 direct writer, VTE 10 and ADV 12 (k = 10): VTE must fold into DG."""
    wave = Campaign.objects.create(
        organization=world.acme,
        slug="w2",
        name="Vague 2",
        instrument=do_register_instrument("coherence"),
    )
    Person.objects.create(
        organization=world.acme, code="jl", email="jean-luc.vernier@acme.fr", unit=world.sales
    )
    texts = {
        world.direction: ["Direction seule"],
        world.sales: [f"Vente {i}" for i in range(8)]
        + ["Voir avec Jean-Luc Vernier", "Bernard Lefoulon bloque tout"],
        world.tiny: [f"Adv {i}" for i in range(10)]
        + ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>"],
    }
    for unit, written in texts.items():
        for text in written:
            Response.objects.create(campaign=wave, unit=unit, answers={Q: text})
    Response.objects.create(
        campaign=wave, unit=world.tiny, is_self=True, answers={Q: "Auto-évaluation"}
    )
    return wave


def _page(client: Client, user, *args: str):  # type: ignore[no-untyped-def]
    client.force_login(user)
    name = "comments:unit" if len(args) > 2 else "comments:campaign"
    return client.get(reverse(name, args=args))


def _groups(response, code: str = "MSG_PRIORITY") -> dict[str | None, list[str]]:  # type: ignore[no-untyped-def]
    (section,) = [q for q in response.context["page"].questions if q.code == code]
    return {g.unit: g.texts for g in section.groups}


def test_each_text_is_shown_once_in_a_group_of_at_least_ten(client, world, campaign):
    groups = _groups(_page(client, world.coach, "acme", "w2"))
    assert set(groups) == {"DG", "ADV"}  # VTE folded into DG: DG − VTE would isolate one person
    assert len(groups["DG"]) == 11 and len(groups["ADV"]) == 12
    shown = [t for texts in groups.values() for t in texts]
    assert len(shown) == len(set(shown)) == 23


def test_self_assessments_are_never_shown(client, world, campaign):
    assert "Auto-évaluation" not in _page(client, world.coach, "acme", "w2").content.decode()


def test_group_below_the_comment_threshold_is_hidden(client, world, campaign):
    adv = [
        r
        for r in Response.objects.filter(campaign=campaign, unit=world.tiny)
        if r.answers[Q].startswith("Adv")
    ]
    for response in adv[:3]:
        response.delete()  # ADV: 9 writers
    groups = _groups(_page(client, world.coach, "acme", "w2"))
    assert "ADV" not in groups  # 9 < 10: its texts join DG's, whose residual is 1 + 9 = 10
    assert len(groups["VTE"]) == 10 and len(groups["DG"]) == 10


def test_threshold_is_a_setting(client, world, campaign, settings):
    settings.ECLAIRE_COMMENT_MIN_GROUP = 13
    groups = _groups(_page(client, world.coach, "acme", "w2"))
    assert set(groups) == {"DG"} and len(groups["DG"]) == 23


def test_manager_sees_only_groups_in_their_scope(client, world, campaign):
    assert _groups(_page(client, world.manager, "acme", "w2")) == {}  # VTE is folded into DG
    Membership.objects.filter(user=world.manager).update(unit=world.tiny)
    assert set(_groups(_page(client, world.manager, "acme", "w2"))) == {"ADV"}


def test_unit_page_restricts_to_the_unit(client, world, campaign):
    assert set(_groups(_page(client, world.coach, "acme", "w2", "ADV"))) == {"ADV"}
    assert _page(client, world.manager, "acme", "w2", "ADV").status_code == 404


def test_roster_names_and_person_entities_are_masked(client, world, campaign):
    page = _page(client, world.coach, "acme", "w2").content.decode()
    assert "Vernier" not in page and "Jean-Luc" not in page and "Lefoulon" not in page
    assert "Voir avec [nom masqué]" in page and "[nom masqué] bloque tout" in page


def test_placeholder_follows_the_reader_language(world, campaign):
    client = Client(headers={"accept-language": "en"})
    page = _page(client, world.coach, "acme", "w2").content.decode()
    assert "[name hidden] bloque tout" in page and "Comments" in page


def test_html_in_comments_is_inert(client, world, campaign):
    page = _page(client, world.coach, "acme", "w2").content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_order_is_shuffled_and_stable(client, world, campaign):
    first = _groups(_page(client, world.coach, "acme", "w2"))["ADV"]
    again = _groups(_page(client, world.coach, "acme", "w2"))["ADV"]
    assert first == again
    assert first != [f"Adv {i}" for i in range(10)] + [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
    ]


def test_page_states_the_rule_in_french(client, world, campaign):
    page = _page(client, world.coach, "acme", "w2").content.decode()
    assert "au moins 10" in page and 'lang="fr"' in page


def _themes(response, code: str = "MSG_PRIORITY"):  # type: ignore[no-untyped-def]
    (section,) = [q for q in response.context["page"].questions if q.code == code]
    return section.themes


def test_comments_are_grouped_by_theme_each_once_other_last(client, world, campaign):
    response = _page(client, world.coach, "acme", "w2")
    themes = _themes(response)
    by_theme = sorted(c.text for t in themes for c in t.comments)
    assert by_theme == sorted(t for texts in _groups(response).values() for t in texts)
    assert len(themes) >= 2 and all(t.label for t in themes)
    assert [t.other for t in themes].count(True) <= 1 and not any(t.other for t in themes[:-1])
    adv = next(t for t in themes if any(c.text.startswith("Adv") for c in t.comments))
    assert all(c.text.startswith("Adv") for c in adv.comments) and "adv" in adv.label
    assert {c.group for c in adv.comments} == {world.tiny.name}
    page = response.content.decode()
    assert f'href="?theme={adv.key}"' in page and '<details class="figures"' in page  # no script


def test_a_masked_name_never_names_a_theme(client, world, campaign):
    labels = " ".join(t.label for t in _themes(_page(client, world.coach, "acme", "w2")))
    assert "nom" not in labels and "masqu" not in labels and "vernier" not in labels


def test_theme_filter_shows_that_theme_whole(client, world, campaign):
    key = _themes(_page(client, world.coach, "acme", "w2"))[0].key
    response = client.get(reverse("comments:campaign", args=["acme", "w2"]), {"theme": key})
    (question,) = response.context["page"].questions
    assert question.code == "MSG_PRIORITY" and [t.key for t in question.themes] == [key]
    page = response.content.decode()
    assert '<details class="figures"' not in page and f'<option value="{key}" selected>' in page


def test_unit_filter_keeps_whole_groups_of_its_subtree(client, world, campaign):
    client.force_login(world.coach)
    url = reverse("comments:campaign", args=["acme", "w2"])
    assert set(_groups(client.get(url, {"unit": "ADV"}))) == {"ADV"}
    themes = _themes(client.get(url, {"unit": "ADV"}))
    assert {c.unit for t in themes for c in t.comments} == {"ADV"}
    assert sum(len(t.comments) for t in themes) == 12
    assert set(_groups(client.get(url, {"unit": "DG"}))) == {"DG", "ADV"}


def test_question_filter_and_a_bad_value_mean_all(client, world, campaign):
    client.force_login(world.coach)
    url = reverse("comments:campaign", args=["acme", "w2"])
    one = client.get(url, {"question": "MSG_PRIORITY"}).context["page"].questions
    assert [q.code for q in one] == ["MSG_PRIORITY"]
    response = client.get(url, {"unit": "NOPE", "theme": "x", "question": "<b>"})
    assert response.status_code == 200 and set(_groups(response)) == {"DG", "ADV"}


def test_a_manager_filters_only_within_their_scope(client, world, campaign):
    Membership.objects.filter(user=world.manager).update(unit=world.tiny)
    client.force_login(world.manager)
    url = reverse("comments:campaign", args=["acme", "w2"])
    response = client.get(url, {"unit": "DG"})  # out of scope: not offered, so ignored
    assert set(_groups(response)) == {"ADV"}
    assert [v for v, _label in response.context["form"].fields["unit"].choices] == ["", "ADV"]
    texts = [c.text for t in _themes(response) for c in t.comments]
    assert len(texts) == 12 and not any(t.startswith(("Vente", "Direction")) for t in texts)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_theme_labels_are_in_the_readers_words_around_the_comments_own(
    client, world, campaign, lang
):
    """A theme is named by its comments' words (French here, as written); the rest of its
    heading, "Other" and the page say it in the reader's language, and the quoted words carry
    their own language for screen readers."""
    client.force_login(world.coach)
    url = reverse("comments:campaign", args=["acme", "w2"])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    page = response.content.decode()
    themes = _themes(response)
    named = [t for t in themes if not t.other]
    assert named
    for t in named:
        assert f'<span lang="fr">{t.label}</span>' in page
    for t in themes:
        if t.other:
            assert t.label == ("Autres" if lang == "fr" else "Other")
            assert f'<span lang="fr">{t.label}</span>' not in page
    comments = "comments" if lang == "en" else "commentaires"
    assert f"({len(named[0].comments)} {comments})" in page
    note = "quoted as they were written, in French"
    assert (note in page) == (lang == "en")
    assert '<li><span lang="fr">Adv ' in page
