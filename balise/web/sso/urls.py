from django.urls import path

from balise.web.sso import views

urlpatterns = [
    path("", views.start, name="sso-start"),
    path("callback/", views.callback, name="sso-callback"),
    path("refused/", views.refused, name="sso-refused"),
]
