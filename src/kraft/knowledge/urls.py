from django.urls import path

from kraft.knowledge import views
from kraft.knowledge.urls_answers import urlpatterns as answer_urls

app_name = "knowledge"
urlpatterns = [
    *answer_urls,  # the ask page, answers and history (views_answers.py)
    path("bibliotek/", views.library_list, name="libraries"),
    path("bibliotek/nytt/", views.library_create, name="library_create"),
    path("bibliotek/<int:pk>/", views.library_detail, name="library"),
    path("bibliotek/<int:pk>/andra/", views.library_edit, name="library_edit"),
    path("bibliotek/<int:pk>/ta-bort/", views.library_delete, name="library_delete"),
    path("bibliotek/<int:pk>/ladda-upp/", views.document_upload, name="document_upload"),
    path("dokument/<int:pk>/", views.document_detail, name="document"),
    path("dokument/<int:pk>/fil/", views.document_file, name="document_file"),
    path("dokument/<int:pk>/status/", views.document_status, name="document_status"),
    path("dokument/<int:pk>/andra/", views.document_edit, name="document_edit"),
    path("dokument/<int:pk>/ny-version/", views.document_replace, name="document_replace"),
    path("dokument/<int:pk>/ta-bort/", views.document_delete, name="document_delete"),
    path("dokument/<int:pk>/las-in-igen/", views.document_retry, name="document_retry"),
]
