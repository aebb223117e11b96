from django.urls import path

from kraft.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("skapa-konto/", views.sign_up, name="signup"),
    path("profil/", views.profile, name="profile"),
    path("profil/api-nycklar/", views.create_token, name="token_create"),
    path("profil/api-nycklar/<int:pk>/aterkalla/", views.revoke_token, name="token_revoke"),
    path("sparrad/", views.locked_out, name="locked_out"),
    path("glomt-losenord/", views.PasswordResetView.as_view(), name="password_reset"),
    path("glomt-losenord/skickat/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("aterstall/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("aterstall/klart/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
