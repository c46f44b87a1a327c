"""Languages and Belgian formats: what a French- or Dutch-speaking user actually sees."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation

from balise.accounts.roles import Role
from balise.plans import editing
from balise.plans.models import Module, Plan
from balise.reference.models import Phenomenon
from tests.factories import outside_plan, user_with_role

NNBSP = "\u202f"  # the narrow no-break space between thousands


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_dates_are_written_day_month_year_in_both_languages(language):
    day = datetime.date(2026, 11, 22)
    assert (
        render("{{ day }}|{{ day|date:'SHORT_DATE_FORMAT' }}", language, day=day) == "22/11/2026|22/11/2026"
    )


def test_dates_are_written_with_dots_in_german_as_in_ostbelgien():
    day = datetime.date(2026, 11, 22)
    assert render("{{ day }}|{{ day|date:'SHORT_DATE_FORMAT' }}", "de", day=day) == "22.11.2026|22.11.2026"


def test_a_day_typed_with_dots_or_slashes_is_read_in_german():
    from django import forms

    class DayForm(forms.Form):
        day = forms.DateField()

    with translation.override("de"):
        for typed in ("22.11.2026", "22/11/2026"):
            form = DayForm({"day": typed})
            assert form.is_valid() and form.cleaned_data["day"] == datetime.date(2026, 11, 22)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_date_times_are_shown_in_brussels_time(language):
    moment = datetime.datetime(2026, 11, 22, 13, 5, tzinfo=datetime.UTC)  # 14:05 in Brussels (CET)
    assert render("{{ moment }}", language, moment=moment) == "22/11/2026 14:05"


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_numbers_use_a_decimal_comma_and_narrow_spaces_between_thousands(language):
    html = render(
        "{% load balise_format %}{{ amount|number }} {{ big|eur }} {{ year }} {{ ratio }}",
        language,
        amount=Decimal("1234.56"),
        big=Decimal("592354.64"),
        year=2024,
        ratio=Decimal("0.5"),
    )
    assert html == f"1{NNBSP}234,56 592{NNBSP}354,64 € 2024 0,5"


def test_a_day_typed_the_belgian_way_is_read_by_forms():
    from django import forms

    class DayForm(forms.Form):
        day = forms.DateField()

    with translation.override("nl"):
        form = DayForm({"day": "22/11/2026"})
        assert form.is_valid() and form.cleaned_data["day"] == datetime.date(2026, 11, 22)


@pytest.mark.django_db
def test_the_page_language_follows_the_chosen_language(client, reference, in_french):
    client.force_login(user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009"))
    assert '<html lang="fr">' in client.get("/").content.decode()  # the default
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "Afmelden" in html and "Se déconnecter" not in html  # the Dutch catalogue is compiled and used
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="fr">' in html and "Se déconnecter" in html


@pytest.mark.django_db
def test_model_names_and_choices_are_translated(reference):
    with translation.override("nl"):
        assert str(Module._meta.get_field("phenomenon").verbose_name) == "fenomeen"
        assert str(Plan._meta.verbose_name_plural) == "plannen"
        assert Plan(status="signed").get_status_display() == "ondertekend"
    with translation.override("fr"):
        assert str(Module._meta.verbose_name) == "module"
        assert Plan(kind="pssp").get_kind_display() == "Plan stratégique de sécurité et de prévention (PSSP)"


@pytest.mark.django_db
def test_a_phenomenon_is_named_in_the_active_language(reference):
    burglary = Phenomenon.objects.get(name_fr="Cambriolage")
    assert render("{{ p }}", "nl", p=burglary) == "Inbraak"
    assert render("{{ p }}", "fr", p=burglary) == "Cambriolage"
    assert render("{{ p }}", "de", p=burglary) == "Einbruch"


@pytest.mark.django_db
def test_a_name_without_german_falls_back_to_french(reference):
    from balise.accounts.models import Organisation

    ixelles = Organisation.objects.get(code="21009")
    assert render("{{ o }}", "de", o=ixelles) == "Ixelles"
    assert render("{{ o }}", "nl", o=ixelles) == "Elsene"


@pytest.mark.django_db
def test_the_interface_speaks_german_when_german_is_chosen(client, reference, in_french):
    client.force_login(user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009"))
    html = client.get("/").content.decode()
    assert 'value="de"' in html  # the language switcher offers German
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="de">' in html
    assert "Abmelden" in html and "Se déconnecter" not in html


@pytest.mark.django_db
def test_a_phenomenon_in_a_page_is_named_in_dutch_when_dutch_is_active(client, reference):
    plan = outside_plan()
    Plan.objects.filter(pk=plan.pk).update(status="draft")  # so that it can be edited
    editor = user_with_role("editor", Role.MUNICIPALITY_EDITOR, "21009")
    module = Module.objects.get(plan=plan, title="Cambriolage")
    nuisance = Phenomenon.objects.get(name_fr="Nuisances sociales")
    editing.update_node("module", module.pk, {"phenomenon": nuisance.pk}, module.revision, editor)
    client.force_login(editor)
    client.post("/i18n/setlang/", {"language": "nl"})
    html = client.get(f"/plans/{plan.pk}/history/").content.decode()
    assert "<del>Inbraak</del> → <ins>Sociale overlast</ins>" in html
    assert "Geschiedenis van het plan" in html
