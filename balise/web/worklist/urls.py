from django.urls import path

from balise.web.worklist import views

urlpatterns = [path("", views.worklist_page, name="worklist")]
