from django.urls import path

from kraft.core.placeholder import placeholder

app_name = "audit"
urlpatterns = [
    path("", placeholder("Granskningslogg"), name="list"),
]
