from django.urls import path

from coltiva.agenda import views

app_name = "agenda"

urlpatterns = [
    path("all/", views.all_due, name="all"),
    path("<int:pk>/done/", views.item_done, name="done"),
    path("<int:pk>/snooze/", views.item_snooze, name="snooze"),
    path("<int:pk>/dismiss/", views.item_dismiss, name="dismiss"),
    path("plans/<int:pk>/close/", views.plan_close, name="plan_close"),
    path("people/<int:pk>/plan/", views.plan_add, name="plan_add"),
]
