from django.urls import path

from coltiva.network import views

app_name = "network"

urlpatterns = [
    path("", views.introductions, name="introductions"),
    path("introduce/", views.introduce, name="introduce"),
    path("introduce/drafts/", views.introduce_drafts, name="drafts"),
    path("introduce/sent/", views.introduce_sent, name="introduce_sent"),
    path("introductions/<int:pk>/", views.introduction, name="introduction"),
    path("introductions/<int:pk>/undo/", views.introduction_undo, name="introduction_undo"),
    path("introductions/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("who/", views.who, name="who"),
    path("people/<int:pk>/", views.person_network, name="person"),
    path("people/<int:pk>/blocks/", views.person_blocks, name="person_blocks"),
    path("people/<int:pk>/links/add/", views.link_add, name="link_add"),
    path("people/<int:pk>/profession/", views.profession, name="profession"),
    path("links/<int:pk>/delete/", views.link_delete, name="link_delete"),
    path("groups/", views.groups, name="groups"),
    path("groups/<int:pk>/", views.group, name="group"),
    path("groups/<int:pk>/delete/", views.group_delete, name="group_delete"),
    path("groups/<int:pk>/seats/add/", views.seat_add, name="seat_add"),
    path("groups/<int:pk>/invite/", views.invite, name="invite"),
    path("seats/<int:pk>/delete/", views.seat_delete, name="seat_delete"),
    path("invitations/<int:pk>/status/", views.invitation_status, name="invitation_status"),
]
