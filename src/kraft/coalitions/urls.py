from django.urls import path

from kraft.coalitions import views

app_name = "coalitions"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("ny/", views.create_view, name="create"),
    path("inbjudan/<int:invitation_id>/", views.answer_view, name="answer"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/bjud-in/", views.invite_view, name="invite"),
    path("<int:pk>/medlem/<int:member_id>/ataganden/", views.commitment_view, name="commitment"),
    path("<int:pk>/medlem/<int:member_id>/lamna/", views.leave_view, name="leave"),
    path("<int:pk>/medlem/<int:member_id>/beslut/", views.decision_view, name="decision"),
    path("<int:pk>/milstolpar/", views.milestone_view, name="milestone"),
    path("<int:pk>/milstolpar/<int:milestone_id>/klar/", views.milestone_done_view, name="milestone_done"),
    path("<int:pk>/bibliotek/", views.library_view, name="library"),
    path("<int:pk>/initiativ/", views.initiative_view, name="initiative"),
    path("<int:pk>/avtalsmall/", views.agreement_view, name="agreement"),
]
