"""The client address seen through the trusted proxies: never one the client chose."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from eclaire.web.clientip import client_address

PROXY = "10.0.0.1"


def _request(forwarded: str | None = None, remote: str = PROXY):  # type: ignore[no-untyped-def]
    headers = {} if forwarded is None else {"x-forwarded-for": forwarded}
    return RequestFactory(headers=headers).get("/", REMOTE_ADDR=remote)


def test_without_trusted_proxies_the_header_is_ignored(settings) -> None:
    settings.ECLAIRE_TRUSTED_PROXIES = 0
    assert client_address(_request("203.0.113.7")) == PROXY


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "client"),
    [
        (1, "203.0.113.7", PROXY, "203.0.113.7"),
        (
            1,
            "6.6.6.6, 203.0.113.7",
            PROXY,
            "203.0.113.7",
        ),  # the left part was written by the client
        (2, "203.0.113.7, 10.0.0.2", PROXY, "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", PROXY, "203.0.113.7"),
        (1, "2001:db8::5", PROXY, "2001:db8::5"),
        (1, None, "198.51.100.4", "198.51.100.4"),  # a request that skipped the proxy
        (1, "not-an-address", PROXY, PROXY),
    ],
)
def test_the_client_is_the_address_the_last_trusted_proxy_saw(
    settings, proxies: int, forwarded: str | None, remote: str, client: str
) -> None:
    settings.ECLAIRE_TRUSTED_PROXIES = proxies
    assert client_address(_request(forwarded, remote)) == client
