from django.urls import path

from coltiva.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("add/", views.event_add, name="add"),
    path("mode/", views.event_mode, name="mode"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/capture/", views.event_capture, name="capture"),
    path("<int:pk>/capture/matches/", views.capture_matches, name="capture_matches"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/delete/", views.event_delete, name="delete"),
]
