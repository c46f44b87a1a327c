"""Monitoring pages of one plan, under /plans/<plan_id>/monitoring/."""

from django.urls import path

from balise.monitoring.views import evaluation, grid, values

urlpatterns = [
    path("values/", values.values_page, name="monitoring-values"),
    path("grid/", grid.grid_page, name="monitoring-grid"),
    path("grid/cells/", grid.grid_cells, name="monitoring-grid-cells"),
    path("values/bulk/", values.bulk_entry, name="monitoring-bulk"),
    path("values/<int:indicator_id>/<str:period>/", values.value_edit, name="monitoring-value"),
    path("evaluation/", evaluation.evaluation_index, name="monitoring-evaluation-index"),
    path("evaluation/<int:year>/", evaluation.evaluation_page, name="monitoring-evaluation"),
    path("evaluation/<int:year>/state/", evaluation.change_state, name="monitoring-transition"),
    path(
        "evaluation/<int:year>/self/<str:subject>/<uuid:key>/",
        evaluation.self_evaluation,
        name="monitoring-self-evaluation",
    ),
    path(
        "evaluation/<int:year>/analysis/<str:subject>/<uuid:key>/",
        evaluation.analysis,
        name="monitoring-analysis",
    ),
]
