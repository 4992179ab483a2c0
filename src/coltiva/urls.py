from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("coltiva.accounts.urls")),
    path("people/", include("coltiva.people.urls")),
    path("events/", include("coltiva.events.urls")),
    path("referrals/", include("coltiva.referrals.urls")),
    path("today/", include("coltiva.agenda.urls")),
    path("imports/", include("coltiva.imports.urls")),
    path("network/", include("coltiva.network.urls")),
    path("review/", include("coltiva.review.urls")),
    path("", include("coltiva.reminders.urls")),
    path("", include("coltiva.web.urls")),
]
