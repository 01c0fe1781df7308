from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "eclaire.web.organizations"
    label = "organizations"
