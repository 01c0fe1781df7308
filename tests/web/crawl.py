"""Follow links only, as a person would: from one page, every ``<a href>`` of the site, breadth
first, with the Django test client. Forms are not submitted."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(html: str, base: str) -> list[str]:
    """The site paths (with their query) an HTML page links to, without fragments."""
    parser = _Links()
    parser.feed(html)
    out = []
    for href in parser.hrefs:
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.scheme in ("", "http") and parts.netloc in ("", "testserver") and parts.path:
            out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)
    """Every HTML page reached: path → body."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Every download reached (any other content type): path → body."""
    status: dict[str, int] = field(default_factory=dict)
    found_from: dict[str, str] = field(default_factory=dict)


def crawl(client: Client, start: str, *, skip: tuple[str, ...] = (), limit: int = 400) -> Crawl:
    """Every page reachable from ``start`` by links; paths containing one of ``skip`` are
    recorded as found (in ``found_from``) but not opened."""
    seen = Crawl()
    todo: deque[str] = deque([start])
    seen.found_from[start] = ""
    while todo and len(seen.status) < limit:
        path = todo.popleft()
        if any(s in path for s in skip):
            continue
        response = client.get(path)
        seen.status[path] = response.status_code
        if response.status_code != 200:
            continue
        if response.streaming:  # a file served as it is read (the import templates)
            seen.files[path] = b"".join(response.streaming_content)
            continue
        if response["Content-Type"].startswith("text/html") and "attachment" not in response.get(
            "Content-Disposition", ""
        ):
            html = response.content.decode()
            seen.pages[path] = html
            for link in links(html, path):
                if link not in seen.found_from:
                    seen.found_from[link] = path
                    todo.append(link)
        else:
            seen.files[path] = response.content
    return seen
