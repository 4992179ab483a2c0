from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "coltiva.agenda"
    label = "agenda"
