from django.urls import path

from eclaire.web.uploads import views

app_name = "uploads"

_O = "o/<slug:slug>/import/"

urlpatterns = [
    path(f"{_O}units/", views.upload, {"kind": "units"}, name="units"),
    path(f"{_O}roster/", views.upload, {"kind": "roster"}, name="roster"),
    path(f"{_O}units/confirm/", views.confirm, {"kind": "units"}, name="units_confirm"),
    path(f"{_O}roster/confirm/", views.confirm, {"kind": "roster"}, name="roster_confirm"),
    path(f"{_O}units/cancel/", views.cancel, {"kind": "units"}, name="units_cancel"),
    path(f"{_O}roster/cancel/", views.cancel, {"kind": "roster"}, name="roster_cancel"),
    path(f"{_O}templates/<str:filename>", views.template, name="template"),
]
