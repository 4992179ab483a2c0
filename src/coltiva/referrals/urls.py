from django.urls import path

from coltiva.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("add/", views.referral_add, name="add"),
    path("board/", views.board, name="board"),
    path("<int:pk>/status/", views.referral_status, name="status"),
    path("<int:pk>/move/", views.referral_move, name="move"),
    path("<int:pk>/thank/", views.referral_thank, name="thank"),
    path("introductions/", views.introduction_list, name="introductions"),
    path("introductions/add/", views.introduction_add, name="introduction_add"),
    path("introductions/<int:pk>/outcome/", views.introduction_outcome, name="outcome"),
]
