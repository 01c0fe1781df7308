from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "eclaire.web.comments"
    label = "comments"
