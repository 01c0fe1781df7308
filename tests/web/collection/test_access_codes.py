"""One-time codes: made at print time, stored only as hashes, each works once."""

from __future__ import annotations

import pytest

from eclaire.web.collection.models import AccessCode, UnitEntry
from eclaire.web.collection.services import CollectionError, do_print_codes, do_use_code
from eclaire.web.collection.tokens import normalize_code, secret_hash


def _entry(world, opened) -> UnitEntry:
    return UnitEntry.objects.get(campaign=opened, unit=world.sales)


def test_codes_are_stored_only_as_hashes(world, opened):
    codes = do_print_codes(opened, _entry(world, opened), 10)
    assert len(set(codes)) == 10
    stored = set(AccessCode.objects.values_list("code_hash", flat=True))
    assert stored == {secret_hash(c) for c in codes}
    assert not stored & set(codes)


def test_a_code_works_once(world, opened):
    entry = _entry(world, opened)
    code = do_print_codes(opened, entry, 1)[0]
    typed = code.lower().replace("-", " ")
    assert normalize_code(typed) == code
    assert do_use_code(entry, typed) is True
    assert do_use_code(entry, code) is False
    assert AccessCode.objects.get().used is True


def test_a_code_works_only_on_its_own_unit(world, opened):
    code = do_print_codes(opened, _entry(world, opened), 1)[0]
    other = UnitEntry.objects.get(campaign=opened, unit=world.tiny)
    assert do_use_code(other, code) is False
    assert do_use_code(_entry(world, opened), code) is True


def test_codes_only_while_open_and_in_reason(world, opened):
    entry = _entry(world, opened)
    with pytest.raises(CollectionError):
        do_print_codes(opened, entry, 0)
    with pytest.raises(CollectionError):
        do_print_codes(opened, entry, 201)
    opened.status = "closed"
    opened.save()
    with pytest.raises(CollectionError):
        do_print_codes(opened, entry, 3)
    assert not AccessCode.objects.exists()
