from django.urls import path

from coltiva.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("add/", views.person_add, name="add"),
    path("trash/", views.trash, name="trash"),
    path("pick/", views.person_pick, name="pick"),
    path("ledger/", views.book_ledger, name="ledger"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/delete/", views.person_delete, name="delete"),
    path("<int:pk>/restore/", views.person_restore, name="restore"),
    path("<int:pk>/relationship/", views.relationship_edit, name="relationship"),
    path("<int:pk>/timeline/", views.timeline, name="timeline"),
    path("<int:pk>/touches/add/", views.touch_add, name="touch_add"),
    path("touches/<int:pk>/edit/", views.touch_edit, name="touch_edit"),
    path("touches/<int:pk>/delete/", views.touch_delete, name="touch_delete"),
]
