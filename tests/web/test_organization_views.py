from django.urls import reverse


def test_anonymous_visitor_is_sent_to_login(client, world):
    response = client.get(reverse("organization", args=["acme"]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_coach_sees_units_and_campaign(client, world):
    client.force_login(world.coach)
    page = client.get(reverse("organization", args=["acme"])).content.decode()
    assert "Acme Industrie" in page
    assert "Ventes Sud-Est" in page and "Direction générale" in page
    assert "Vague 1" in page


def test_response_count_hidden_where_fewer_than_k_invited(client, world):
    client.force_login(world.coach)
    response = client.get(reverse("organization", args=["acme"]))
    rows = {row.unit.code: row for row in response.context["rows"]}
    assert rows["VTE"].responses == 5
    assert rows["ADV"].responses is None  # 2 invited < K = 5


def test_organization_of_someone_else_is_not_found(client, world):
    client.force_login(world.coach)
    assert client.get(reverse("organization", args=["other"])).status_code == 404
    client.force_login(world.stranger)
    assert client.get(reverse("organization", args=["acme"])).status_code == 404


def test_unknown_and_forbidden_organizations_look_the_same(client, world):
    client.force_login(world.stranger)
    forbidden = client.get(reverse("organization", args=["acme"]))
    unknown = client.get(reverse("organization", args=["nowhere"]))
    assert forbidden.status_code == unknown.status_code == 404


def test_manager_sees_only_their_scope(client, world):
    client.force_login(world.manager)
    response = client.get(reverse("organization", args=["acme"]))
    codes = [row.unit.code for row in response.context["rows"]]
    assert codes == ["VTE"]


def test_home_lists_only_own_organizations(client, world):
    client.force_login(world.coach)
    page = client.get(reverse("home")).content.decode()
    assert "Acme Industrie" in page and "Autre Maison" not in page


def test_pages_switch_to_english(client, world):
    client.force_login(world.coach)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("organization", args=["acme"])).content.decode()
    assert "Waves" in page and 'lang="en"' in page
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("organization", args=["acme"])).content.decode()
    assert "Vagues" in page and 'lang="fr"' in page
