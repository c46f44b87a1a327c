"""One family of refusals: each app's errors are kinds of `balise.errors`, and the kind decides
what the user gets (422 with field paths, 409, 404; exit 2 in the CLI)."""

from __future__ import annotations

import pytest

from balise import cli, errors
from balise.finance.errors import Invalid as FinanceInvalid
from balise.finance.errors import YearClosed
from balise.monitoring.errors import Invalid as MonitoringInvalid
from balise.monitoring.errors import StaleEdit, TransitionRefused, YearLocked
from balise.plans.editing import Invalid as PlanInvalid


@pytest.mark.parametrize(
    ("error", "kind", "status"),
    [
        (FinanceInvalid({"amount_eur": ["Enter a number."]}), errors.Invalid, 422),
        (MonitoringInvalid({"12.amount": ["Enter a number."]}), errors.Invalid, 422),
        (PlanInvalid({"title": ["This field is required."]}), errors.Invalid, 422),
        (YearClosed(2023), errors.Locked, 409),
        (YearLocked(2023), errors.Locked, 409),
        (StaleEdit(None, {"amount": "3"}), errors.StaleEdit, 409),
        (TransitionRefused("Only a draft can be submitted."), errors.Refused, 409),
        (errors.NotFound("No plan 7."), errors.NotFound, 404),
    ],
)
def test_each_apps_refusal_is_a_kind_of_the_family_with_its_status(error, kind, status):
    assert isinstance(error, kind)
    assert errors.status_of(error) == status


def test_invalid_input_lists_each_message_with_its_field_path():
    error = errors.Invalid({"rows.12.amount": ["Enter a number.", "Too large."], "period": ["Unknown."]})
    assert error.by_field() == [
        ("rows.12.amount", "Enter a number."),
        ("rows.12.amount", "Too large."),
        ("period", "Unknown."),
    ]
    assert str(error) == "rows.12.amount: Enter a number. Too large.; period: Unknown."


def test_a_stale_edit_keeps_both_versions_and_says_why():
    error = StaleEdit("theirs", {"amount": "3"})
    assert (error.current, error.submitted) == ("theirs", {"amount": "3"})
    assert "someone else" in str(error)


def test_the_cli_answers_a_refusal_with_one_line_and_exit_code_2(monkeypatch, capsys):
    def refuse(args):
        raise YearClosed(2023)

    monkeypatch.setattr(cli, "cmd_list", refuse)  # build_parser binds the command by name

    assert cli.main(["list"]) == 2
    err = capsys.readouterr().err
    assert err == "balise: error: The year 2023 is closed: its money can no longer be changed.\n"


# Exceptions that are not refusals of the family, each with its reason.
OUTSIDE_THE_FAMILY = {
    # Domain parsers' errors, caught by the form or action that turns them into an Invalid.
    "balise.domain.money.AmountError",
    "balise.domain.periods.PeriodError",
    "balise.domain.disaggregation.CellError",  # monitoring.dimensions.clean_parts: an Invalid by cell
    "balise.domain.interchange.InterchangeError",  # 422 with its JSON path in the API
    # plans.translation.attach_translation: a TranslationRefused naming the place in the tree
    "balise.domain.translations.StructureMismatch",
    "balise.imports.statistics.parsing.NoHeader",
    # Ninja's own family: 401 with WWW-Authenticate.
    "balise.api.auth.InvalidToken",
    # Never reaches a user: plans.bulk catches it and falls back to Django's own bulk insert.
    "balise.plans.bulk._Unsupported",
}


def test_every_exception_balise_raises_to_a_user_is_a_kind_of_the_family():
    import importlib
    import pkgutil

    import balise

    found = set()
    for module in pkgutil.walk_packages(balise.__path__, "balise."):
        if ".migrations" in module.name or module.name.endswith((".wsgi", ".asgi")):
            continue
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if (
                isinstance(value, type)
                and issubclass(value, Exception)
                and value.__module__ == module.name
                and not issubclass(value, errors.BaliseError)
            ):
                found.add(f"{module.name}.{value.__name__}")
    assert found == OUTSIDE_THE_FAMILY
