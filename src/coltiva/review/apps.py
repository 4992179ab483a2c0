from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "coltiva.review"
    label = "review"
