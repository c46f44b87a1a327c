"""Import drafts: nothing is written before confirming, corrections are data, the template's
mapping is learned and replayed on the next document."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from balise import errors
from balise.drafts.actions import (
    Correction,
    DraftChanged,
    NotAPlan,
    confirm_draft,
    correct_draft,
    create_draft,
    discard_draft,
)
from balise.drafts.models import ImportDraft, TemplateMapping
from balise.drafts.review import review_of
from balise.imports.recognise.vocabulary import Role
from balise.imports.report import LineFate
from balise.plans.models import Indicator, OperationalObjective, Plan
from tests.drafts_support import SECOND, unknown_template_docx
from tests.integration.drafts.conftest import TITLE


def _unit(draft: ImportDraft, starts: str) -> str:
    return next(i.id for i in review_of(draft).items if i.text.startswith(starts))


def _correct_two_roles(draft: ImportDraft, user) -> ImportDraft:
    correction = Correction(
        roles={
            _unit(draft, "Chantier : Sensibiliser"): Role.OPERATIONAL_OBJECTIVE,
            _unit(draft, "Jauge : Nombre de séances"): Role.INDICATOR,
        }
    )
    return correct_draft(draft.pk, user, correction)


def test_a_document_in_an_unknown_template_becomes_a_draft_and_nothing_is_written(owner, ixelles, first_docx):
    draft = create_draft(owner, first_docx, name="pssp-ixelles.docx", municipality=ixelles)
    review = review_of(draft)
    assert Plan.objects.count() == 0
    fates = {i.text[:8]: i.fate for i in review.items}
    assert fates["Chantier"] is LineFate.UNPLACED and fates["Jauge : "] is LineFate.UNPLACED


def test_two_corrections_teach_the_labels_and_the_outline_is_rebuilt_with_every_item_of_them(
    owner, ixelles, first_docx
):
    draft = _correct_two_roles(create_draft(owner, first_docx, name="a.docx", municipality=ixelles), owner)
    review = review_of(draft)
    counts = review.outline.counts()
    assert (counts["operational_objectives"], counts["indicators"], counts["targets"]) == (3, 4, 4)
    assert [m.title for m in review.outline.modules] == ["Cambriolage", "Nuisances sociales"]
    assert review.outline.modules[0].strategic_objectives[0].title.startswith("Agir sur les circonstances")
    assert review.counts()["unplaced"] == 0


def test_confirm_writes_the_plan_atomically_and_keeps_the_template_mapping(owner, ixelles, first_docx):
    draft = _correct_two_roles(create_draft(owner, first_docx, name="a.docx", municipality=ixelles), owner)
    outcome = confirm_draft(draft.pk, owner)
    plan = outcome.plan
    assert (plan.municipality, plan.title) == (ixelles, TITLE)
    assert OperationalObjective.objects.filter(strategic_objective__module__plan=plan).count() == 3
    assert (
        Indicator.objects.filter(operational_objective__strategic_objective__module__plan=plan).count() == 4
    )
    assert not ImportDraft.objects.exists()
    mapping = TemplateMapping.objects.get(municipality=ixelles)
    assert mapping.labels == {"Chantier": "operational_objective", "Jauge": "indicator"}


def test_the_next_document_of_the_same_template_needs_no_correction(owner, ixelles, first_docx, tmp_path):
    confirm_draft(
        _correct_two_roles(create_draft(owner, first_docx, name="a.docx", municipality=ixelles), owner).pk,
        owner,
    )
    second = tmp_path / "pssp-2028.docx"
    second.write_bytes(
        unknown_template_docx("Plan stratégique de sécurité et de prévention 2028-2029", SECOND)
    )
    draft = create_draft(owner, second, name="pssp-2028.docx", municipality=ixelles)
    review = review_of(draft)
    assert draft.template is not None
    assert review.counts()["unplaced"] == 0
    assert review.outline.counts()["indicators"] == 2
    assert [m.title for m in review.outline.modules] == ["Cambriolage", "Vol dans véhicule"]


def test_the_mapping_of_one_municipality_is_never_applied_to_another(
    owner, ixelles, first_docx, tmp_path, outsider
):
    from tests.factories import organisation

    confirm_draft(
        _correct_two_roles(create_draft(owner, first_docx, name="a.docx", municipality=ixelles), owner).pk,
        owner,
    )
    second = tmp_path / "other.docx"
    second.write_bytes(
        unknown_template_docx("Plan stratégique de sécurité et de prévention 2028-2029", SECOND)
    )
    draft = create_draft(outsider, second, name="other.docx", municipality=organisation("21012"))
    assert draft.template is None
    assert review_of(draft).counts()["unplaced"] > 0


def test_a_letter_is_refused_in_one_sentence_and_no_draft_is_kept(owner, ixelles, tmp_path):
    letter = tmp_path / "lettre.txt"
    letter.write_text(
        "Madame, Monsieur,\n\nNous vous remercions de votre courrier du 3 mars.\n\nBien à vous.\n"
    )
    with pytest.raises(NotAPlan) as refused:
        create_draft(owner, letter, name="lettre.txt", municipality=ixelles)
    assert "lettre.txt" in str(refused.value) and "not a plan" in str(refused.value)
    assert refused.value.by_field()[0][0] == "file"
    assert not ImportDraft.objects.exists()


def test_a_correction_naming_a_unit_the_document_lacks_is_refused_by_field(owner, ixelles, first_docx):
    draft = create_draft(owner, first_docx, name="a.docx", municipality=ixelles)
    with pytest.raises(errors.Invalid) as refused:
        correct_draft(draft.pk, owner, Correction(roles={"b999": Role.INDICATOR}))
    assert refused.value.by_field()[0][0] == "roles.b999"
    draft.refresh_from_db()
    assert draft.corrections == {} and draft.revision == 1


def test_a_correction_on_an_outdated_page_is_refused(owner, ixelles, first_docx):
    draft = create_draft(owner, first_docx, name="a.docx", municipality=ixelles)
    correct_draft(draft.pk, owner, Correction(roles={"b3": Role.OPERATIONAL_OBJECTIVE}), revision=1)
    with pytest.raises(DraftChanged):
        correct_draft(draft.pk, owner, Correction(roles={"b4": Role.INDICATOR}), revision=1)


def test_joining_and_splitting_units_rebuild_the_outline(owner, ixelles, first_docx):
    draft = _correct_two_roles(create_draft(owner, first_docx, name="a.docx", municipality=ixelles), owner)
    jauge = _unit(draft, "Jauge : Nombre de séances")
    text = next(i.text for i in review_of(draft).items if i.id == jauge)
    draft = correct_draft(draft.pk, owner, Correction(split=(jauge, text.index("≥"))))
    pieces = [i for i in review_of(draft).items if i.id.startswith(jauge)]
    assert [p.id for p in pieces] == [jauge, f"{jauge}#1"]
    following = review_of(draft).items[[i.id for i in review_of(draft).items].index(f"{jauge}#1") + 1].id
    draft = correct_draft(draft.pk, owner, Correction(join=[f"{jauge}#1", following]))
    joined = next(i for i in review_of(draft).items if i.id == f"{jauge}#1")
    assert joined.text.startswith("≥ 6/an Jauge")


def test_discard_deletes_the_draft(owner, ixelles, first_docx):
    draft = create_draft(owner, first_docx, name="a.docx", municipality=ixelles)
    discard_draft(draft.pk, owner)
    assert not ImportDraft.objects.exists()


def test_an_outsider_can_neither_read_correct_confirm_nor_discard_the_draft(
    owner, ixelles, first_docx, outsider
):
    draft = create_draft(owner, first_docx, name="a.docx", municipality=ixelles)
    for attempt in (
        lambda: correct_draft(draft.pk, outsider, Correction(roles={"b3": Role.IGNORE})),
        lambda: confirm_draft(draft.pk, outsider),
        lambda: discard_draft(draft.pk, outsider),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert ImportDraft.objects.get().corrections == {}


def test_an_editor_cannot_open_a_draft_for_a_municipality_they_do_not_edit(outsider, ixelles, first_docx):
    with pytest.raises(PermissionDenied):
        create_draft(outsider, first_docx, name="a.docx", municipality=ixelles)
    assert not ImportDraft.objects.exists()


def test_abandoned_drafts_expire(owner, ixelles, first_docx):
    from datetime import timedelta

    from django.utils import timezone

    from balise.drafts.actions import purge_drafts

    draft = create_draft(owner, first_docx, name="a.docx", municipality=ixelles)
    assert purge_drafts() == 0
    assert purge_drafts(now=timezone.now() + timedelta(days=8)) == 1
    assert not ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_large_upload_is_read_by_the_worker_and_its_file_then_deleted(owner, ixelles, first_docx, settings):
    from balise.drafts import files
    from tests.jobs import run_jobs

    settings.BALISE_IMPORT_BACKGROUND_BYTES = 1000  # the test document is larger
    draft = create_draft(owner, first_docx, name="a.docx", municipality=ixelles)
    assert draft.state == ImportDraft.State.READING and draft.document is None
    assert files.kept(draft.pk) is not None
    with pytest.raises(errors.Refused):
        confirm_draft(draft.pk, owner)
    run_jobs()
    draft.refresh_from_db()
    assert draft.state == ImportDraft.State.READY and files.kept(draft.pk) is None
    assert review_of(draft).outline.counts()["modules"] == 2


def test_a_large_file_that_is_not_a_plan_leaves_the_draft_failed_with_one_sentence(
    owner, ixelles, tmp_path, settings
):
    from tests.jobs import run_jobs

    settings.BALISE_IMPORT_BACKGROUND_BYTES = 10
    letter = tmp_path / "lettre.txt"
    letter.write_text(
        "Madame, Monsieur,\n\nNous vous remercions de votre courrier du 3 mars.\n\nBien à vous.\n"
    )
    draft = create_draft(owner, letter, name="lettre.txt", municipality=ixelles)
    run_jobs()
    draft.refresh_from_db()
    assert draft.state == ImportDraft.State.FAILED and "not a plan" in draft.error
