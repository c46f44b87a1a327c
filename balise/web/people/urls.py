from django.urls import path

from balise.web.people import views

urlpatterns = [
    path("", views.index, name="people"),
    path("requests/", views.access_requests, name="people-access-requests"),
]
