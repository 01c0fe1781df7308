from django.db import models

from eclaire.web.organizations.models import Person
from eclaire.web.responses.models import Response


def test_response_has_no_link_to_a_person_and_no_time():
    """The roster and the responses live apart: nothing in a response points at a person."""
    for field in Response._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related is not Person, field.name
        assert not isinstance(field, models.DateTimeField | models.TimeField), field.name
    names = {f.name for f in Response._meta.get_fields()}
    assert not names & {
        "person",
        "token",
        "email",
        "ip",
        "user_agent",
        "created_at",
        "submitted_at",
    }


def test_response_ids_are_random_not_sequential():
    assert isinstance(Response._meta.pk, models.UUIDField)


def test_person_has_no_link_to_responses():
    assert all(getattr(f, "related_model", None) is not Response for f in Person._meta.get_fields())
