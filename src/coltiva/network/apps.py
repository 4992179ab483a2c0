from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "coltiva.network"
    label = "network"

    def ready(self) -> None:
        # The receivers keep matches in step with the base app's changes, and the tasks
        # answer the services' requests for background work (``network.hooks``).
        from coltiva.network import signals, tasks  # noqa: F401
