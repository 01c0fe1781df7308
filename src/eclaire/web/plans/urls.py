"""The action plan under ``o/<slug>/c/<campaign_slug>/plan/``; lever settings under
``o/<slug>/levers/``."""

from django.urls import path

from eclaire.web.plans import views

app_name = "plans"

_P = "o/<slug:slug>/c/<slug:campaign_slug>/plan/"

urlpatterns = [
    path("o/<slug:slug>/levers/", views.lever_settings, name="settings"),
    path(_P, views.plan, name="plan"),
    path(f"{_P}decide/", views.decide, name="decide"),
    path(f"{_P}visibility/", views.visibility, name="visibility"),
    path(f"{_P}<int:action_id>/", views.action, name="action"),
    path(f"{_P}<int:action_id>/edit/", views.action_update, name="action_update"),
    path(f"{_P}<int:action_id>/sessions/", views.session_new, name="session_new"),
]
