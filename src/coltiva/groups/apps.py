from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "coltiva.groups"
    label = "groups"
