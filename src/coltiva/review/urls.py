from django.urls import path

from coltiva.review import views

app_name = "review"

urlpatterns = [path("", views.review, name="review")]
