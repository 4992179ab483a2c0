from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "coltiva.web"
    label = "web"
