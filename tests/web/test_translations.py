"""Every text a person reads in the web app exists in French: the catalogue is complete and compiled.

The catalogue is ``src/eclaire/web/locale/fr/LC_MESSAGES/django.po``, refreshed by ``make messages``
(``makemessages --no-obsolete`` from ``src/eclaire/web``, then ``compilemessages``).
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

SRC = Path(__file__).resolve().parents[2] / "src" / "eclaire"
WEB = SRC / "web"
LOCALE = WEB / "locale" / "fr" / "LC_MESSAGES"
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib", "msgfmt")

# A key of a compiled catalogue: msgid ("context\x04msgid" with a context) or (msgid, plural index).
Key = str | tuple[str, int]


class Entry:
    """One entry of a .po file, strings unescaped."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.flags: set[str] = set()
        self.obsolete = False

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def key(self) -> str:
        ctxt = self.fields.get("msgctxt")
        return self.msgid if ctxt is None else f"{ctxt}\x04{self.msgid}"

    @property
    def translations(self) -> dict[Key, str]:
        """What the compiled catalogue must hold for this entry."""
        if "msgid_plural" in self.fields:
            return {
                (self.key, int(name[7:-1])): text
                for name, text in self.fields.items()
                if name.startswith("msgstr[")
            }
        return {self.key: self.fields.get("msgstr", "")}


def _unescape(quoted: str) -> str:
    return ast.literal_eval(quoted)


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file (the header included: its msgid is empty)."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry = Entry()
        current = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry.obsolete = True
                continue
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
                continue
            if line.startswith("#"):
                continue
            match = re.match(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (\".*\")$", line)
            if match:
                current = match.group(1)
                entry.fields[current] = _unescape(match.group(2))
            elif line.startswith('"') and current:
                entry.fields[current] += _unescape(line)
        if entry.fields or entry.obsolete:
            entries.append(entry)
    return entries


def _messages(path: Path) -> list[Entry]:
    return [e for e in parse_po(path.read_text(encoding="utf-8")) if e.msgid and not e.obsolete]


def test_the_po_parser_reads_context_plurals_escapes_and_flags():
    entries = parse_po(
        'msgid ""\nmsgstr "Language: fr\\n"\n\n'
        '#, python-format\nmsgctxt "menu"\nmsgid "Open \\"%(n)s\\""\nmsgstr ""\n"Ouvrir "\n'
        '"\\"%(n)s\\""\n\n'
        'msgid "%(n)s file"\nmsgid_plural "%(n)s files"\nmsgstr[0] "%(n)s fichier"\n'
        'msgstr[1] "%(n)s fichiers"\n\n'
        '#~ msgid "gone"\n#~ msgstr "parti"\n'
    )
    header, menu, plural, gone = entries
    assert header.msgid == "" and header.fields["msgstr"] == "Language: fr\n"
    assert menu.translations == {'menu\x04Open "%(n)s"': 'Ouvrir "%(n)s"'}
    assert menu.flags == {"python-format"}
    assert plural.translations == {
        ("%(n)s file", 0): "%(n)s fichier",
        ("%(n)s file", 1): "%(n)s fichiers",
    }
    assert gone.obsolete


def test_every_french_entry_is_translated_and_not_fuzzy():
    entries = _messages(LOCALE / "django.po")
    assert len(entries) > 300
    missing = [
        e.msgid
        for e in entries
        if "fuzzy" in e.flags or not all(e.translations.values()) or not e.translations
    ]
    assert missing == []


def test_the_catalogue_keeps_no_obsolete_entry():
    """make messages drops the strings no code uses (--no-obsolete): none is kept by hand."""
    obsolete = [e.msgid for e in parse_po((LOCALE / "django.po").read_text("utf-8")) if e.obsolete]
    assert obsolete == [], "run: make messages"


def test_compiled_catalogue_is_the_po_file():
    """django.mo holds exactly the translations of django.po: nothing missing, stale or extra."""
    with open(LOCALE / "django.mo", "rb") as fh:
        compiled = dict(gettext.GNUTranslations(fh)._catalog)  # type: ignore[attr-defined]
    compiled.pop("", None)  # the header
    expected: dict[Key, str] = {}
    for entry in _messages(LOCALE / "django.po"):
        expected.update(entry.translations)
    stale = sorted(
        str(k) for k in expected.keys() | compiled.keys() if compiled.get(k) != expected.get(k)
    )
    assert stale == [], "run: make messages"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
def test_msgfmt_check_format_passes(tmp_path):
    done = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(tmp_path / "django.mo"), str(LOCALE / "django.po")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_only_the_web_app_calls_gettext():
    """makemessages scans src/eclaire/web: a gettext call elsewhere would never reach the catalogue.

    The core, the report and the CLI take their words from the bilingual data files instead.
    """
    outside = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*"))
        if path.suffix in {".py", ".html", ".txt"}
        and WEB not in path.parents
        and re.search(
            r"django\.utils\.translation|^\s*(from gettext |import gettext)|\{%\s*(trans|translate|blocktrans)",
            path.read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    ]
    assert outside == []


@pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in GETTEXT_TOOLS), reason="GNU gettext is not installed"
)
def test_the_catalogue_has_every_string_of_the_code_and_no_other(tmp_path, monkeypatch, settings):
    """makemessages on a copy of the web app changes no msgid and leaves no fuzzy entry."""
    copy = tmp_path / "web"
    shutil.copytree(
        WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo", "*.pyc")
    )
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["fr"], no_obsolete=True, verbosity=0)
    refreshed = _messages(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    committed = _messages(LOCALE / "django.po")
    assert sorted(e.key for e in refreshed) == sorted(e.key for e in committed), (
        "run: make messages"
    )
    fuzzy = [e.msgid for e in refreshed if "fuzzy" in e.flags]
    assert fuzzy == [], "a string whose flags changed (python-format?) would lose its translation"
    assert {e.key: e.flags - {"fuzzy"} for e in refreshed} == {e.key: e.flags for e in committed}
