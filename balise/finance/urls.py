"""Money pages of one plan, under /plans/<plan_id>/finance/."""

from django.urls import path

from balise.finance import views, views_reports

urlpatterns = [
    path("", views.finance_index, name="finance-index"),
    path("<int:year>/", views.year_page, name="finance-year"),
    path("<int:year>/allocation/", views.allocation, name="finance-allocation"),
    path("<int:year>/contingents/", views.contingent, name="finance-contingent-add"),
    path("<int:year>/contingents/<int:contingent_id>/", views.contingent, name="finance-contingent"),
    path("<int:year>/occupation/", views.occupation, name="finance-occupation"),
    path("<int:year>/expenses/", views.expense_add, name="finance-expense-add"),
    path("<int:year>/expenses/<int:expense_id>/", views.expense_edit, name="finance-expense"),
    path("<int:year>/expenses/<int:expense_id>/delete/", views.expense_delete, name="finance-expense-delete"),
    path("<int:year>/reports/defaults/", views.calendar_defaults, name="finance-calendar-defaults"),
    path("<int:year>/reports/transmissions/", views.transmissions, name="finance-transmissions"),
    path("<int:year>/reports/<str:kind>/", views.report, name="finance-report"),
    path("<int:year>/close/", views.close, name="finance-close"),
    path("<int:year>/reopen/", views.reopen, name="finance-reopen"),
    path("<int:year>/report.<str:fmt>", views_reports.report_file, name="finance-report-file"),
]
