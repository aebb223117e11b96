from django.urls import path

from kraft.core.placeholder import placeholder

app_name = "accounts"
urlpatterns = [
    path("logga-in/", placeholder("Logga in"), name="login"),
    path("logga-ut/", placeholder("Logga ut"), name="logout"),
    path("skapa-konto/", placeholder("Skapa konto"), name="signup"),
    path("profil/", placeholder("Profil"), name="profile"),
]
