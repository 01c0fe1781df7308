"""`eclaire serve` and `eclaire demo` hand out links to where they listen, unless told otherwise."""

from __future__ import annotations

import os

import pytest

from eclaire.cli import _default_base_url


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    monkeypatch.delenv("ECLAIRE_BASE_URL", raising=False)


def test_host_and_port_of_the_server():
    _default_base_url("192.168.1.20", 8765)
    assert os.environ["ECLAIRE_BASE_URL"] == "http://192.168.1.20:8765"


def test_a_set_variable_is_kept(monkeypatch):
    monkeypatch.setenv("ECLAIRE_BASE_URL", "https://eclaire.example.org")
    _default_base_url("127.0.0.1", 9000)
    assert os.environ["ECLAIRE_BASE_URL"] == "https://eclaire.example.org"


def test_wildcard_address_leaves_links_to_the_request():
    _default_base_url("0.0.0.0", 9000)
    assert "ECLAIRE_BASE_URL" not in os.environ
