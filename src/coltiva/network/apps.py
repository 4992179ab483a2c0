from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "coltiva.network"
    label = "network"

    def ready(self) -> None:
        # Keeps the profession code in step with the free text however a person is saved.
        from coltiva.network import signals  # noqa: F401
