from django.apps import AppConfig


class SurveyConfig(AppConfig):
    name = "eclaire.web.survey"
    label = "survey"

    def ready(self) -> None:
        from eclaire.web.survey.logs import install_redaction

        install_redaction()
