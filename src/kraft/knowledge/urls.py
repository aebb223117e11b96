from django.urls import path

from kraft.core.placeholder import placeholder

app_name = "knowledge"
urlpatterns = [
    path("", placeholder("Kunskapsstöd"), name="ask"),
    path("bibliotek/", placeholder("Bibliotek"), name="libraries"),
    path("bibliotek/<int:pk>/", placeholder("Bibliotek"), name="library"),
    path("dokument/<int:pk>/", placeholder("Dokument"), name="document"),
]
