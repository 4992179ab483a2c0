from django.urls import path

from coltiva.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.job_page, name="job"),
    path("<int:pk>/columns/", views.columns, name="columns"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/progress/", views.progress_fragment, name="progress"),
    path("<int:pk>/undo/", views.undo_job, name="undo"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("duplicates/", views.duplicate_list, name="duplicates"),
    path("duplicates/scan/", views.duplicate_scan, name="duplicate_scan"),
    path("duplicates/<int:pk>/merge/", views.duplicate_merge, name="duplicate_merge"),
    path("duplicates/<int:pk>/different/", views.duplicate_different, name="duplicate_different"),
    path("duplicates/merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
    path("export/<str:fmt>/", views.export, name="export"),
]
