from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "eclaire.web.results"
    label = "results"

    def ready(self) -> None:
        from eclaire.web.results import signals  # noqa: F401  (connects the recompute signals)
