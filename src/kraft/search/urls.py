from django.urls import path

from kraft.core.placeholder import placeholder

app_name = "search"
urlpatterns = [
    path("", placeholder("Sök"), name="search"),
]
