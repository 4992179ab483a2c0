from django.urls import path

from coltiva.groups import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("add/", views.group_add, name="add"),
    path("<int:pk>/", views.group_overview, name="overview"),
    path("<int:pk>/roster/", views.group_roster, name="roster"),
    path("<int:pk>/invite/", views.group_invite, name="invite"),
    path("<int:pk>/settings/", views.group_settings, name="settings"),
    path("<int:pk>/members/<int:member>/roles/", views.member_roles, name="member_roles"),
    path(
        "<int:pk>/members/<int:member>/classification/",
        views.member_classification,
        name="member_classification",
    ),
    path("<int:pk>/members/<int:member>/end/", views.member_end, name="member_end"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("invitation/<str:token>/signup/", views.invitation_signup, name="invitation_signup"),
]
