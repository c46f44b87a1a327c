from __future__ import annotations

from django.urls import path

from balise.web.plans import (
    editing_views,
    header_views,
    import_views,
    phenomenon_views,
    target_views,
    translation_views,
    views,
)

NODE = "plans/nodes/<slug:kind>/<int:node_id>/"

urlpatterns = [
    path("", views.plan_list, name="home"),
    path("plans/import/", import_views.plan_import, name="plan-import"),
    path("plans/import/<int:draft_id>/", import_views.plan_import_review, name="plan-import-review"),
    path(
        "plans/import/<int:draft_id>/correct/", import_views.plan_import_correct, name="plan-import-correct"
    ),
    path(
        "plans/import/<int:draft_id>/confirm/", import_views.plan_import_confirm, name="plan-import-confirm"
    ),
    path("plans/import/<int:draft_id>/attach/", import_views.plan_import_attach, name="plan-import-attach"),
    path(
        "plans/import/<int:draft_id>/discard/", import_views.plan_import_discard, name="plan-import-discard"
    ),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:plan_id>/header/", header_views.plan_header, name="plan-header"),
    path("plans/<int:plan_id>/translation/", translation_views.plan_translation, name="plan-translation"),
    path("plans/<int:plan_id>/header/edit/", header_views.plan_header_edit, name="plan-header-edit"),
    path(
        "municipalities/<str:code>/phenomena/",
        phenomenon_views.municipality_phenomena,
        name="municipality-phenomena",
    ),
    path(
        "municipalities/<str:code>/phenomena/<slug:phenomenon>/",
        phenomenon_views.phenomenon_detail,
        name="phenomenon-side-by-side",
    ),
    path(
        "plans/<int:plan_id>/indicators/<int:indicator_id>/target/",
        target_views.target_edit,
        name="plan-indicator-target",
    ),
    path(NODE, editing_views.node_view, name="plan-node"),
    path(NODE + "edit/", editing_views.node_edit, name="plan-node-edit"),
    path(NODE + "delete/", editing_views.node_delete, name="plan-node-delete"),
    path(NODE + "move/", editing_views.node_move, name="plan-node-move"),
    path(
        "plans/nodes/<slug:kind>/add/<slug:parent_kind>/<int:parent_id>/",
        editing_views.node_add,
        name="plan-node-add",
    ),
]
