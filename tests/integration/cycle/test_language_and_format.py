"""Language and format: reminders in each recipient's language (remembered from the language they
choose, or chosen on their preferences page), French typography on French pages, the history in
the reader's words, and the demo's fixed "today"."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from balise import clock
from balise.accounts.models import Preferences
from balise.accounts.preferences import language_of
from balise.accounts.roles import Role
from balise.domain.typography import TYPESET, TYPESET_END, french_html, french_text
from balise.todo.reminders import send_reminders
from tests.factories import user_with_role


@pytest.fixture
def editor(reference):
    return user_with_role("ana", Role.MUNICIPALITY_EDITOR, "21009", email="ana@ixelles.example")


@pytest.mark.django_db
def test_a_reminder_is_written_in_the_language_its_recipient_chose(plan, editor, client):
    client.force_login(editor)
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert language_of(editor) == "nl"
    send_reminders(date(2025, 3, 1))
    (message,) = mail.outbox
    assert message.subject == "Balise: wat op u wacht"
    assert "Dit wacht op u in Balise" in message.body


@pytest.mark.django_db
def test_someone_who_never_chose_gets_the_sites_language(plan, editor, settings):
    settings.LANGUAGE_CODE = "fr"
    assert not Preferences.objects.filter(user=editor).exists()
    send_reminders(date(2025, 3, 1))
    assert mail.outbox[0].subject.replace("\u00a0", " ") == "Balise : ce qui vous attend"


@pytest.mark.django_db
def test_the_language_one_signs_in_with_is_remembered(editor, client):
    editor.set_password("pw-ixelles-2025")
    editor.save()
    client.cookies["django_language"] = "de"
    client.post("/accounts/login/", {"username": "ana", "password": "pw-ixelles-2025"})
    assert language_of(editor) == "de"


@pytest.mark.django_db
def test_the_preferences_page_sets_the_language_of_ones_own_e_mails_only(editor, owner, client, settings):
    settings.LANGUAGE_CODE = "fr"
    client.force_login(editor)
    assert client.get("/accounts/preferences/").status_code == 200
    response = client.post("/accounts/preferences/", {"language": "nl"})
    assert response.status_code == 302
    assert language_of(editor) == "nl" and language_of(owner) == "fr"
    assert client.post("/accounts/preferences/", {"language": "xx"}).status_code == 200
    assert language_of(editor) == "nl"


@pytest.mark.django_db
def test_the_preferences_page_is_for_signed_in_people(client):
    response = client.get("/accounts/preferences/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_french_typography_puts_a_no_break_space_before_the_high_marks_and_inside_quotes():
    assert french_text("État: brouillon") == "État\u00a0: brouillon"
    assert french_text("Pourquoi? Voilà!") == "Pourquoi\u00a0? Voilà\u00a0!"
    assert french_text("«v2»") == "«\u00a0v2\u00a0»"
    assert french_text("Pilote : Marc « v2 »") == "Pilote : Marc « v2 »"  # a space written stays
    assert french_text("à 14:05, voir https://balise.be") == "à 14:05, voir https://balise.be"


def test_french_typography_leaves_attributes_scripts_and_text_as_written_alone():
    html = '<p title="a: b">x: <code>a: b</code><textarea>c: d</textarea><script>({e: 1})</script></p>'
    assert (
        french_html(html)
        == '<p title="a: b">x\u00a0: <code>a: b</code><textarea>c: d</textarea><script>({e: 1})</script></p>'
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_pages_get_french_typography_in_french_only(client, owner, plan, language):
    client.cookies["django_language"] = language
    client.force_login(owner)
    html = client.get(f"/plans/{plan.pk}/monitoring/evaluation/2024/").content.decode()
    assert ("\u00a0:" in html) == (language == "fr")


@pytest.mark.django_db
def test_balise_today_fixes_the_date_that_deadlines_are_compared_with(settings):
    settings.BALISE_TODAY = "2025-02-17"
    assert clock.today() == date(2025, 2, 17)
    settings.BALISE_TODAY = ""
    assert clock.today() != date(2025, 2, 17)


def test_a_misspelt_balise_today_stops_the_server_at_start(settings):
    settings.BALISE_TODAY = "17/02/2025"
    with pytest.raises(SystemCheckError, match="BALISE_TODAY"):
        call_command("check")


def test_french_typography_reads_entities_as_the_characters_they_stand_for() -> None:
    # "&nbsp;:" already has its space; the ";" ending "&amp;" is not punctuation to space.
    assert french_html("<dd>activités&nbsp;: <b>x</b></dd>") == "<dd>activités\u00a0: <b>x</b></dd>"
    assert french_html("<p>R &amp; D; &lt;b&gt;: y</p>") == "<p>R &amp; D\u00a0; &lt;b&gt;\u00a0: y</p>"


def test_french_typography_passes_over_every_part_already_set_and_sets_the_text_between() -> None:
    set_part = f"{TYPESET}<p>déjà: réglé</p>{TYPESET_END}"
    html = f"<h1>Plan: x</h1>{set_part}<p>entre: deux</p>{set_part}<p>fin: ici</p>"
    assert french_html(html) == (
        f"<h1>Plan\u00a0: x</h1>{set_part}<p>entre\u00a0: deux</p>{set_part}<p>fin\u00a0: ici</p>"
    )


def test_french_typography_sets_the_text_after_a_start_marker_without_its_end() -> None:
    assert french_html(f"{TYPESET}<p>a: b</p>") == f"{TYPESET}<p>a\u00a0: b</p>"
