from django.urls import path

from kraft.core.placeholder import placeholder

app_name = "initiatives"
urlpatterns = [
    path("", placeholder("Initiativ"), name="list"),
    path("karta/", placeholder("Karta"), name="map"),
    path("statistik/", placeholder("Statistik"), name="statistics"),
]
