from django.urls import path

from kraft.core.placeholder import placeholder

app_name = "knowledge"
urlpatterns = [
    path("", placeholder("Kunskapsstöd"), name="ask"),
]
