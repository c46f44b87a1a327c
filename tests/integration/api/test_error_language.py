"""What the API's own parsing refuses (a body that is not JSON, a field outside its schema) is said
in the caller's language, in the API's error shape: ``{"detail": "…"}`` for a body that cannot be
read at all (400), ``{"detail": [{"loc", "msg"}]}`` by field otherwise (422). Never ninja's or
pydantic's English."""

from __future__ import annotations

import pytest

from balise.monitoring.models import Measurement

NOT_JSON = {
    "fr": "Le corps de la requête n’est pas du JSON valide (ligne 1, colonne 2).",
    "nl": "De inhoud van het verzoek is geen geldige JSON (regel 1, kolom 2).",
    "de": "Der Inhalt der Anfrage ist kein gültiges JSON (Zeile 1, Spalte 2).",
}
WHOLE_NUMBER = {
    "fr": "Saisissez un nombre entier.",
    "nl": "Voer een geheel getal in.",
    "de": "Geben Sie eine ganze Zahl ein.",
}
NUMBER = {
    "fr": "Saisissez un nombre d’au plus 12 chiffres et 2 décimales, par exemple 1234.56.",
    "nl": "Voer een getal in van hoogstens 12 cijfers en 2 decimalen, bijvoorbeeld 1234.56.",
    "de": "Geben Sie eine Zahl mit höchstens 12 Ziffern und 2 Nachkommastellen ein, zum Beispiel 1234.56.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_a_body_that_is_not_json_is_refused_in_the_callers_language_with_where(as_owner, plan, language):
    response = as_owner.patch(
        f"/api/plans/{plan.pk}", "{'", content_type="application/json", headers={"Accept-Language": language}
    )
    assert response.status_code == 400
    assert response.json() == {"detail": NOT_JSON[language]}
    assert "Cannot parse" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_fields_outside_the_schema_are_refused_by_path_in_the_callers_language(as_owner, plan, language):
    body = {"period": "2024", "rows": {"abc": {"amount": "-1"}}}
    response = as_owner.post(
        f"/api/plans/{plan.pk}/measurements/bulk",
        body,
        content_type="application/json",
        headers={"Accept-Language": language},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {e["loc"] for e in detail} == {"rows.abc.[key]", "rows.abc.amount"}, detail
    messages = {e["loc"]: e["msg"] for e in detail}
    assert messages == {"rows.abc.[key]": WHOLE_NUMBER[language], "rows.abc.amount": NUMBER[language]}
    assert Measurement.objects.count() == 0
