from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "coltiva.referrals"
    label = "referrals"
