from django.contrib import admin
from django.urls import include, path

from coltiva.people import urls as people_urls
from coltiva.web import person_views

# The person page, its fragments and the book's ledger show feature apps' rows, so their
# views live in web (the base app people imports no feature app); their addresses and
# names stay the people pages' ("people:detail").
people_pages = [
    *people_urls.urlpatterns,
    path("ledger/", person_views.book_ledger, name="ledger"),
    path("<int:pk>/", person_views.person_detail, name="detail"),
    path("<int:pk>/timeline/", person_views.timeline, name="timeline"),
    path("<int:pk>/touches/add/", person_views.touch_add, name="touch_add"),
    path("touches/<int:pk>/delete/", person_views.touch_delete, name="touch_delete"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("coltiva.accounts.urls")),
    path("accounts/passkeys/", include("django_otp_webauthn.urls")),
    path("people/", include((people_pages, people_urls.app_name))),
    path("events/", include("coltiva.events.urls")),
    path("referrals/", include("coltiva.referrals.urls")),
    path("today/", include("coltiva.agenda.urls")),
    path("imports/", include("coltiva.imports.urls")),
    path("network/", include("coltiva.network.urls")),
    path("groups/", include("coltiva.groups.urls")),
    path("review/", include("coltiva.review.urls")),
    path("", include("coltiva.reminders.urls")),
    path("", include("coltiva.web.urls")),
]

handler400 = "coltiva.web.errors.bad_request"
handler403 = "coltiva.web.errors.permission_denied"
handler404 = "coltiva.web.errors.page_not_found"
handler500 = "coltiva.web.errors.server_error"
