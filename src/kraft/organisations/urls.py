from django.urls import path

from kraft.core.placeholder import placeholder

app_name = "organisations"
urlpatterns = [
    path("", placeholder("Organisationer"), name="list"),
    path("kallor/", placeholder("Datakällor"), name="sources"),
]
