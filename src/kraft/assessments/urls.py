from django.urls import path

from kraft.assessments import views, views_answer, views_io, views_plan

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("fragor/", views.question_bank, name="bank"),
    path("jamforelse/", views_io.peers_page, name="peers"),
    path("ny/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/svara/", views_answer.answer, name="answer"),
    path("<int:pk>/bjud-in/", views.invite, name="invite"),
    path("<int:pk>/stang/", views.close, name="close"),
    path("<int:pk>/publicering/", views.publication, name="publication"),
    path("<int:pk>/plan/", views_plan.add, name="plan_add"),
    path("<int:pk>/plan/<int:item_pk>/", views_plan.update, name="plan_update"),
    path("<int:pk>/plan/<int:item_pk>/ta-bort/", views_plan.remove, name="plan_remove"),
    path("<int:pk>/export.csv", views_io.export, {"fmt": "csv"}, name="export_csv"),
    path("<int:pk>/export.xlsx", views_io.export, {"fmt": "xlsx"}, name="export_xlsx"),
]
