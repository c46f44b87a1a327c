from django.urls import path

from balise.web.preferences import views

urlpatterns = [
    path("", views.preferences, name="preferences"),
]
