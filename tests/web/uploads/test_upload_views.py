"""The units and roster upload pages: problems in a table and nothing written, or a preview and
then the import of exactly the previewed file."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eclaire.web.organizations.models import Person, Unit

from .conftest import GOOD_UNITS, ROSTER_HEADER, UNITS_HEADER, csv_file, xlsx_file

DIGEST = re.compile(r'name="digest" value="([0-9a-f]{64})"')


@pytest.fixture
def coach(client, world):
    """The coach, reading in English (the French page is checked in its own test)."""
    client.force_login(world.coach)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def _post(client, kind: str, upload: SimpleUploadedFile):
    return client.post(reverse(f"uploads:{kind}", args=["acme"]), {"file": upload})


def _confirm(client, kind: str, page: str):
    digest = DIGEST.search(page)
    assert digest, "the preview carries the digest of the file"
    return client.post(reverse(f"uploads:{kind}_confirm", args=["acme"]), {"digest": digest[1]})


def _units_in_acme() -> set[str]:
    return set(Unit.objects.filter(organization__slug="acme").values_list("code", flat=True))


def test_good_units_csv_shows_a_preview_and_writes_nothing_until_confirmed(coach):
    before = _units_in_acme()
    response = _post(coach, "units", csv_file("units.csv", UNITS_HEADER, GOOD_UNITS))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Logistique Nord" in page and 'class="depth-2"' in page  # the tree, three levels
    assert _units_in_acme() == before
    response = _confirm(coach, "units", page)
    assert response.status_code == 302 and response["Location"] == reverse(
        "organization", args=["acme"]
    )
    assert _units_in_acme() == before | {"DG2", "LOG", "LOG-N"}
    log_n = Unit.objects.get(organization__slug="acme", code="LOG-N")
    assert log_n.parent.code == "LOG" and log_n.function == "logistics"


def test_units_file_with_errors_lists_each_problem_and_writes_nothing(coach):
    before = _units_in_acme()
    rows = [
        ["DG2", "Direction", "", "management", "head_office"],
        ["LOG", "", "DG2", "logistic", "field"],  # no name, unknown function
        ["LOG-N", "Logistique Nord", "NOPE", "logistics", "moon"],  # unknown parent and site
    ]
    response = _post(coach, "units", xlsx_file("units.xlsx", UNITS_HEADER, rows, "units"))
    page = response.content.decode()
    table = page[page.index('<table class="problems">') : page.index("</table>")]
    body_rows = re.findall(r"<tr><td class=\"num\">(\d+)</td>\s*<td>(\w+)", table)
    assert sorted(body_rows) == [
        ("3", "function"),
        ("3", "name"),
        ("4", "parent_id"),
        ("4", "site_kind"),
    ]
    assert "logistic" in table and "moon" in table and "NOPE" in table
    assert "4 problems in the file: nothing was imported" in page
    assert _units_in_acme() == before
    assert 'name="digest"' not in page  # nothing to confirm


def test_bad_upload_keeps_nothing_in_the_session(coach):
    _post(coach, "units", csv_file("units.csv", UNITS_HEADER, GOOD_UNITS))
    assert any("eclaire-upload:acme:units" in s.get_decoded() for s in Session.objects.all())
    bad = csv_file("units.csv", UNITS_HEADER, [["A B", "x", "", "sales", "field"]])
    page = _post(coach, "units", bad).content.decode()
    assert "1 problem in the file" in page
    assert not any("eclaire-upload:acme:units" in s.get_decoded() for s in Session.objects.all())
    response = coach.post(reverse("uploads:units_confirm", args=["acme"]), {"digest": "0" * 64})
    assert response.status_code == 302
    assert _units_in_acme() == {"DG", "VTE", "ADV"}


def test_roster_xlsx_preview_counts_then_import(coach, world):
    rows = [
        ["p0", "p0@acme.fr", "VTE", "member", "fr"],  # already on the roster: updated
        ["n1", "n1@acme.fr", "VTE", "manager", "en"],
        ["n2", "", "ADV", "member", "fr"],
    ]
    rows[2][1] = "n2@acme.fr"
    upload = xlsx_file("roster.xlsx", ROSTER_HEADER, rows, "roster")
    page = _post(coach, "roster", upload).content.decode()
    figures = dict(
        (label.strip(), int(n))
        for n, label in re.findall(r"<li><strong>(\d+)</strong>([^<]+)</li>", page)
    )
    assert figures["people in the file"] == 3
    assert figures["new on the roster"] == 2
    assert figures["already there, updated"] == 1
    assert figures["on the roster, not in the file, kept"] == 7
    assert figures["managers"] == 1
    assert Person.objects.filter(organization=world.acme).count() == 8
    _confirm(coach, "roster", page)
    assert Person.objects.filter(organization=world.acme).count() == 10
    assert Person.objects.get(organization=world.acme, code="n1").language == "en"


def test_roster_naming_an_unknown_unit_is_refused(coach, world):
    upload = csv_file("roster.csv", ROSTER_HEADER, [["z1", "z1@acme.fr", "LOG", "member", "fr"]])
    page = _post(coach, "roster", upload).content.decode()
    assert "the unit_id of a unit of the organization" in page
    assert not Person.objects.filter(code="z1").exists()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("units.csv", b"%PDF-1.7 binary", "CSV text, but the content is PDF"),
        ("units.xlsx", b"unit_id,name\nA,B\n", "an .xlsx workbook, but the content is"),
        ("units.pdf", b"%PDF-1.7", "a .csv or .xlsx file, not .pdf"),
        ("units.csv", b"unit_id,name\x00\x00\x01", "the content is binary"),
        ("units.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "this is an old .xls file"),
    ],
)
def test_type_is_checked_by_content(coach, name, data, expected):
    page = _post(coach, "units", SimpleUploadedFile(name, data)).content.decode()
    assert expected in page
    assert _units_in_acme() == {"DG", "VTE", "ADV"}


def test_workbook_named_csv_is_refused(coach):
    workbook = xlsx_file("units.xlsx", UNITS_HEADER, GOOD_UNITS, "units").read()
    page = _post(coach, "units", SimpleUploadedFile("units.csv", workbook)).content.decode()
    assert "this is an XLSX workbook: keep the .xlsx name" in page


def test_file_over_the_size_limit_is_dropped_and_named(coach, settings):
    settings.ECLAIRE_UPLOAD_MAX_BYTES = 1000
    rows = [[f"U{i}", "x" * 30, "", "sales", "field"] for i in range(60)]
    upload = csv_file("units.csv", UNITS_HEADER, rows)
    assert upload.size > 1000
    page = _post(coach, "units", upload).content.decode()
    assert "a file of at most 1000" in page
    assert _units_in_acme() == {"DG", "VTE", "ADV"}


def test_cancel_forgets_the_file(coach):
    page = _post(coach, "units", csv_file("units.csv", UNITS_HEADER, GOOD_UNITS)).content.decode()
    coach.post(reverse("uploads:units_cancel", args=["acme"]))
    response = _confirm(coach, "units", page)
    assert response.status_code == 302 and response["Location"].endswith("/import/units/")
    assert _units_in_acme() == {"DG", "VTE", "ADV"}


def test_templates_download_the_documented_examples(coach):
    response = coach.get(reverse("uploads:template", args=["acme", "units.csv"]))
    body = b"".join(response.streaming_content)
    assert response["Content-Disposition"] == 'attachment; filename="units.csv"'
    with open("docs/examples/units.csv", "rb") as fh:
        assert body == fh.read()
    assert coach.get(reverse("uploads:template", args=["acme", "secret.txt"])).status_code == 404


def test_manager_may_not_upload(client, world):
    client.force_login(world.manager)
    response = _post(client, "units", csv_file("units.csv", UNITS_HEADER, GOOD_UNITS))
    assert response.status_code == 403
    assert _units_in_acme() == {"DG", "VTE", "ADV"}


def test_a_large_upload_stays_in_memory(coach, settings, monkeypatch):
    """Django's default handlers write uploads over 2.5 MB to a temporary file; ours never do."""
    import django.core.files.uploadedfile as uploadedfile

    def no_disk(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(uploadedfile.tempfile, "NamedTemporaryFile", no_disk)
    settings.ECLAIRE_UPLOAD_MAX_BYTES = 8 * 1024 * 1024
    rows = [[f"U{i}", "y" * 80, "", "sales", "field"] for i in range(40_000)]
    upload = csv_file("units.csv", UNITS_HEADER, rows)
    assert upload.size > 3 * 1024 * 1024
    page = _post(coach, "units", upload).content.decode()
    assert "Preview of units.csv" in page


def test_problems_are_introduced_in_french(client, world):
    client.force_login(world.coach)
    bad = csv_file("units.csv", UNITS_HEADER, [["A B", "x", "", "sales", "field"]])
    page = _post(client, "units", bad).content.decode()
    assert "1 problème dans le fichier\u00a0: rien n’a été importé" in page
    assert '<th scope="col">Attendu</th>' in page


def test_size_limit_holds_for_all_files_of_a_request_together(rf, settings):
    """Many file fields in one request cannot hold more than the limit in memory."""
    from eclaire.web.uploads.handler import MemoryOnlyUploadHandler

    settings.ECLAIRE_UPLOAD_MAX_BYTES = 1000
    chunk = b"x" * 400
    files = [csv_file(f"f{i}.csv", ["a"], [[chunk.decode()]]) for i in range(5)]
    request = rf.post("/", {f"file{i}": f for i, f in enumerate(files)})
    request.upload_handlers = [MemoryOnlyUploadHandler(request)]
    kept = request.FILES
    assert sum(f.size for f in kept.values()) <= 1000
    assert len(kept) == 2 and request.upload_handlers[0].too_large
