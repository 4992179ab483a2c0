from django.urls import path

from coltiva.people import views

app_name = "people"

# The person page, its fragments and the ledger are added to this namespace by
# coltiva.urls (their views, web.person_views, show feature apps' rows).

urlpatterns = [
    path("", views.person_list, name="list"),
    path("add/", views.person_add, name="add"),
    path("trash/", views.trash, name="trash"),
    path("pick/", views.person_pick, name="pick"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/delete/", views.person_delete, name="delete"),
    path("<int:pk>/restore/", views.person_restore, name="restore"),
    path("<int:pk>/relationship/", views.relationship_edit, name="relationship"),
    path("touches/<int:pk>/edit/", views.touch_edit, name="touch_edit"),
]
