from django.urls import path

from coltiva.reminders import views

app_name = "reminders"

urlpatterns = [
    path("feed/<str:token>.ics", views.calendar_feed, name="feed"),
    path("feed/enable/", views.feed_enable, name="feed_enable"),
    path("feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("digest/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
