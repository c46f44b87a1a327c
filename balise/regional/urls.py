from django.urls import path

from balise.regional.views import editing, outputs, pages, report

urlpatterns = [
    path("", pages.index, name="regional-index"),
    path("<int:regional_id>/", pages.dashboard, name="regional-dashboard"),
    path(
        "<int:regional_id>/coverage/<int:thematic>/<slug:column>/", pages.coverage_cell, name="regional-cell"
    ),
    path("<int:regional_id>/projects/new/", editing.project_form, name="regional-project-new"),
    path("<int:regional_id>/projects/<int:project_id>/", pages.project_detail, name="regional-project"),
    path(
        "<int:regional_id>/projects/<int:project_id>/edit/",
        editing.project_form,
        name="regional-project-edit",
    ),
    path(
        "<int:regional_id>/projects/<int:project_id>/outputs/",
        outputs.definitions,
        name="regional-output-definitions",
    ),
    path(
        "<int:regional_id>/projects/<int:project_id>/outputs/definitions/<int:definition_id>/",
        outputs.definition,
        name="regional-output-definition",
    ),
    path(
        "<int:regional_id>/projects/<int:project_id>/outputs/<int:year>/",
        outputs.year_outputs,
        name="regional-outputs",
    ),
    path(
        "<int:regional_id>/projects/<int:project_id>/outputs/<int:year>/review/",
        outputs.review,
        name="regional-outputs-review",
    ),
    path(
        "<int:regional_id>/projects/<int:project_id>/outputs/<int:year>/files/<int:evidence_id>/",
        outputs.evidence_file,
        name="regional-evidence",
    ),
    path(
        "<int:regional_id>/projects/<int:project_id>/outputs/<int:year>/files/<int:evidence_id>/remove/",
        outputs.remove_evidence,
        name="regional-evidence-remove",
    ),
    path("<int:regional_id>/partners/", editing.partners, name="regional-partners"),
    path(
        "<int:regional_id>/partners/<int:partner_id>/subsidies/new/",
        editing.subsidy_form,
        name="regional-subsidy",
    ),
    path("<int:regional_id>/links/<int:plan_id>/", editing.links, name="regional-links"),
    path("<int:regional_id>/links/remove/<int:link_id>/", editing.unlink, name="regional-unlink"),
    path("<int:regional_id>/report/", report.report_page, name="regional-report"),
    path("<int:regional_id>/report.<str:fmt>", report.report_file, name="regional-report-file"),
]
