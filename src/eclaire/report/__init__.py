"""The diagnostic report: a result (``docs/result.md``) to one self-contained HTML file and a PDF.

Imports ``eclaire.core`` only, never Django, so the CLI, the web app and a notebook use it alike::

    from eclaire.report import render_html, render_pdf
    html = render_html(result, lang="fr", org_name="Acme", campaign_name="Vague 1")
    pdf = render_pdf(html)
"""

from eclaire.report.pdf import DEBIAN_PACKAGES, PdfUnavailable
from eclaire.report.render import build_context, render_html, render_pdf

__all__ = ["DEBIAN_PACKAGES", "PdfUnavailable", "build_context", "render_html", "render_pdf"]
