from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "coltiva.events"
    label = "events"
