from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coltiva.people"
    label = "people"
