from django.urls import path, register_converter

from balise.monitoring import views_dashboards as views


class ChartKey:
    regex = "[0-9a-f]{64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ChartKey, "chart_key")

urlpatterns = [
    path("plans/<int:plan_id>/", views.plan_dashboard, name="dashboard-plan"),
    path("municipalities/<int:org_id>/", views.municipality_dashboard, name="dashboard-municipality"),
    path("federal/", views.federal_dashboard, name="dashboard-federal"),
    path("federal/chart.<str:fmt>", views.federal_chart, name="dashboard-federal-chart"),
    path("federal/table.csv", views.federal_table, name="dashboard-federal-table"),
    path("charts/<chart_key:key>.<str:fmt>", views.chart_file, name="dashboard-chart"),
]
