from django.urls import path

from eclaire.web.notifications import views

app_name = "notifications"

urlpatterns = [
    path("accounts/notifications/", views.preferences, name="preferences"),
    path(
        "o/<slug:slug>/c/<slug:campaign_slug>/notifications/",
        views.campaign_setting,
        name="campaign",
    ),
]
