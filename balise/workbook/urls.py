"""The workbook pages of one plan, under /plans/<plan_id>/monitoring/workbook/."""

from django.urls import path

from balise.workbook import views

urlpatterns = [
    path("", views.workbook_download, name="monitoring-workbook"),
    path("upload/", views.workbook_upload, name="monitoring-workbook-upload"),
]
