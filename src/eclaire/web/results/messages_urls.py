"""The messages page (message drift) of a campaign's results."""

from django.urls import path

from eclaire.web.results import messages_views

app_name = "results_messages"

urlpatterns = [
    path(
        "o/<slug:slug>/c/<slug:campaign_slug>/results/messages/",
        messages_views.messages,
        name="messages",
    ),
]
