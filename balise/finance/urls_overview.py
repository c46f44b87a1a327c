"""The overview of the money across municipalities, under /finance/."""

from django.urls import path

from balise.finance import views_reports

urlpatterns = [path("", views_reports.overview_page, name="finance-overview")]
