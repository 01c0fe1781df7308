"""Printing the report with WeasyPrint, and a clear message when its system libraries are missing.

WeasyPrint needs Pango and HarfBuzz from the system. When they are missing, importing it raises
``OSError`` (a shared library cannot be loaded) or ``ImportError``; we turn both into
:class:`PdfUnavailable` naming the Debian packages to install.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

DEBIAN_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "libharfbuzz-subset0")


class PdfUnavailable(RuntimeError):
    """PDF output cannot be produced on this machine (WeasyPrint or its libraries are missing)."""


def missing_libraries_message(exc: BaseException) -> str:
    return (
        "PDF output needs WeasyPrint and the Pango and HarfBuzz system libraries, which could "
        f"not be loaded ({type(exc).__name__}: {exc}).\n"
        f"On Debian or Ubuntu: sudo apt-get install {' '.join(DEBIAN_PACKAGES)}\n"
        "The HTML report does not need them."
    )


def load_weasyprint() -> ModuleType:
    try:
        import weasyprint
    except (OSError, ImportError) as exc:
        raise PdfUnavailable(missing_libraries_message(exc)) from exc
    return weasyprint


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The report is self-contained: nothing is ever fetched while printing it."""
    raise ValueError(f"the report does not load external resources ({url[:60]})")


def html_to_pdf(html: str) -> bytes:
    weasyprint = load_weasyprint()
    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch)
    pdf = document.write_pdf()
    if not isinstance(pdf, bytes):
        raise RuntimeError("WeasyPrint returned no PDF")
    return pdf
