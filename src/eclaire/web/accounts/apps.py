from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "eclaire.web.accounts"
    label = "accounts"
