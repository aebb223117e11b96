"""The answer pages, included by ``knowledge/urls.py`` (app namespace ``knowledge``)."""

from django.urls import path

from kraft.knowledge import views_answers

urlpatterns = [
    path("", views_answers.ask, name="ask"),
    path("svar/", views_answers.answer_history, name="history"),
    path("svar/radera/", views_answers.answer_history_delete, name="history_delete"),
    path("svar/<int:pk>/", views_answers.answer_detail, name="answer"),
    path("svar/<int:pk>/aterkoppling/", views_answers.answer_feedback, name="answer_feedback"),
    path("bibliotek/<int:pk>/inlarda-ord/", views_answers.learned_words, name="learned_words"),
]
