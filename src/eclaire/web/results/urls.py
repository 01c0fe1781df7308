"""Results pages of a campaign, under ``o/<slug>/c/<campaign_slug>/results/``.

(``o/<slug>/c/<campaign_slug>/`` itself is the collection page of the coach.)
"""

from django.urls import path

from eclaire.web.results import export_views, views

app_name = "results"

_R = "o/<slug:slug>/c/<slug:campaign_slug>/results/"

urlpatterns = [
    path(_R, views.overview, name="overview"),
    path(f"{_R}heatmap/", views.heatmap, name="heatmap"),
    path(f"{_R}units/<str:unit_code>/", views.unit, name="unit"),
    path(f"{_R}interfaces/", views.interfaces, name="interfaces"),
    path(f"{_R}gaps/", views.gaps, name="gaps"),
    path(f"{_R}gaps/table/", views.gaps_table, name="gaps_table"),
    path(f"{_R}priorities/", views.priorities, name="priorities"),
    path(f"{_R}trends/", views.trends, name="trends"),
    path(f"{_R}export/<slug:table>.<slug:fmt>", export_views.export, name="export"),
]
