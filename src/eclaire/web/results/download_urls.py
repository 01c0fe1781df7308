"""Report downloads, included under ``o/<slug:slug>/c/<slug:campaign>/report/``."""

from django.urls import path

from eclaire.web.results import downloads

urlpatterns = [
    path("html/", downloads.report_html, name="report_html"),
    path("pdf/", downloads.report_pdf, name="report_pdf"),
]
