from django.urls import path

from balise.exports.report import views

urlpatterns = [
    path("", views.report, name="plan-report"),
]
