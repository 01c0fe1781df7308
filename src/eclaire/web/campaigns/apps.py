from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "eclaire.web.campaigns"
    label = "campaigns"
