from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "eclaire.web.organizations"
    label = "organizations"

    def ready(self) -> None:
        from eclaire.web import publicurl  # noqa: F401 (registers the deploy check of the address)
