from django.urls import path

from eclaire.web.collection import views

app_name = "collection"

_C = "o/<slug:slug>/c/<slug:campaign_slug>/"

urlpatterns = [
    path("o/<slug:slug>/campaigns/new/", views.campaign_new, name="campaign_new"),
    path(_C, views.campaign, name="campaign"),
    path(f"{_C}priorities/", views.priorities, name="priorities"),
    path(f"{_C}open/", views.open_campaign, name="open"),
    path(f"{_C}close/", views.close_campaign, name="close"),
    path(f"{_C}invite/", views.invite, name="invite"),
    path(f"{_C}remind/", views.remind, name="remind"),
    path(f"{_C}units/<int:unit_id>/codes/", views.code_sheet, name="codes"),
    path(f"{_C}units/<int:unit_id>/poster/", views.poster, name="poster"),
    path(f"{_C}units/<int:unit_id>/poster.png", views.poster_png, name="poster_png"),
    path(f"{_C}units/<int:unit_id>/poster.pdf", views.poster_pdf, name="poster_pdf"),
]
