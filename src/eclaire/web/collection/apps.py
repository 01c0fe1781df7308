from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "eclaire.web.collection"
    label = "collection"
