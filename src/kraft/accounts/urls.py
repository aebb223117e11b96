from django.urls import path

from kraft.accounts import views, views_invitations, views_oidc

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("skapa-konto/", views.sign_up, name="signup"),
    path("profil/", views.profile, name="profile"),
    path("profil/api-nycklar/", views.create_token, name="token_create"),
    path("profil/api-nycklar/<int:pk>/aterkalla/", views.revoke_token, name="token_revoke"),
    path("sparrad/", views.locked_out, name="locked_out"),
    path("oidc/logga-in/", views_oidc.oidc_login, name="oidc_login"),
    path("oidc/svar/", views_oidc.oidc_callback, name="oidc_callback"),
    path("bekrafta-e-post/", views_invitations.verify_email_send, name="verify_email_send"),
    path("bekrafta-e-post/<str:token>/", views_invitations.verify_email, name="verify_email"),
    path("inbjudan/<str:key>/", views_invitations.invitation, name="invitation"),
    path("inbjudningar/organisation/<int:pk>/", views_invitations.invitations_view, name="invitations"),
    path("inbjudningar/<int:pk>/aterkalla/", views_invitations.invitation_revoke, name="invitation_revoke"),
    path("inbjudningar/<int:pk>/anta/", views_invitations.invitation_accept_addressed, name="invitation_accept"),
    path("glomt-losenord/", views.PasswordResetView.as_view(), name="password_reset"),
    path("glomt-losenord/skickat/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("aterstall/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("aterstall/klart/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
