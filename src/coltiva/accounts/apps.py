from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coltiva.accounts"
    label = "accounts"
