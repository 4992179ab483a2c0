from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "coltiva.reminders"
    label = "reminders"
