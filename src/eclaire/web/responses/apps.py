from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "eclaire.web.responses"
    label = "responses"
