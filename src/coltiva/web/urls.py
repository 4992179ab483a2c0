from django.urls import path

from coltiva.web import leaving_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The right to leave reaches every app's rows, so it lives above them all (web), though
    # its address stays with the account's pages.
    path("accounts/leave/", leaving_views.leave, name="leave"),
    path(
        "accounts/leave/download/",
        leaving_views.download_everything,
        name="download_everything",
    ),
]
