from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("coltiva.accounts.urls")),
    path("accounts/passkeys/", include("django_otp_webauthn.urls")),
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

handler400 = "coltiva.web.errors.bad_request"
handler403 = "coltiva.web.errors.permission_denied"
handler404 = "coltiva.web.errors.page_not_found"
handler500 = "coltiva.web.errors.server_error"
