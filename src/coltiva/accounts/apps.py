from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coltiva.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Connects the signals that forget a cached user when its row changes, in every
        # process (web, task worker, CLI), not only once a request has signed someone in.
        # Sessions and the audit log follow log-ins, failures and lockouts.
        from coltiva.accounts import (
            backends,  # noqa: F401
            signals,  # noqa: F401
        )
