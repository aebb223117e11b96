from django.urls import path

from kraft.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("kallor/", views.sources, name="sources"),
    path("registrera/", views.organisation_register, name="register"),
    path("granska/", views.review_queue, name="review"),
    path("granska/<int:pk>/godkann/", views.review_decide, {"decision": "approve"}, name="approve"),
    path("granska/<int:pk>/avsla/", views.review_decide, {"decision": "reject"}, name="reject"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/redigera/", views.organisation_edit, name="edit"),
    path("<int:pk>/ga-med/", views.join, name="join"),
    path("<int:pk>/lamna/", views.leave, name="leave"),
    path("<int:pk>/medlemmar/", views.members, name="members"),
    path(
        "<int:pk>/medlemmar/<int:membership_pk>/godkann/",
        views.member_action,
        {"action": "approve"},
        name="member_approve",
    ),
    path(
        "<int:pk>/medlemmar/<int:membership_pk>/avsla/", views.member_action, {"action": "reject"}, name="member_reject"
    ),
    path("<int:pk>/medlemmar/<int:membership_pk>/roll/", views.member_action, {"action": "role"}, name="member_role"),
    path(
        "<int:pk>/medlemmar/<int:membership_pk>/ta-bort/",
        views.member_action,
        {"action": "remove"},
        name="member_remove",
    ),
]
