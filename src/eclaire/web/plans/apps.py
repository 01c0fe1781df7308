from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "eclaire.web.plans"
    label = "plans"
