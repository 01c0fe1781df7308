from django.urls import path

from eclaire.web.signals import views

app_name = "signals"

urlpatterns = [
    path("o/<slug:slug>/c/<slug:campaign_slug>/results/mirror/", views.mirror, name="mirror"),
]
