from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from balise.api.api import api
from balise.monitoring.views.colours import colour_codes_css
from balise.web.preferences import views as preferences_views
from balise.web.public import manage as public_manage
from balise.web.sso import views as sso_views

urlpatterns = [
    # Django's language switch, which also keeps a signed-in person's choice for their e-mails.
    path("i18n/setlang/", preferences_views.set_language, name="set_language"),
    path("colours.css", colour_codes_css, name="colour-codes-css"),
    path("admin/", admin.site.urls),
    path("accounts/login/", sso_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", sso_views.logout, name="logout"),
    path("accounts/sso/", include("balise.web.sso.urls")),
    # Password change and reset: Django's views, Balise's templates (not the admin's, which would win).
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change_form.html"),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.html",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="accounts/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("plans/<int:plan_id>/history/", include("balise.web.audit.urls")),
    path("api/", api.urls),
    path("accounts/tokens/", include("balise.web.tokens.urls")),
    path("accounts/preferences/", include("balise.web.preferences.urls")),
    path("people/", include("balise.web.people.urls")),
    path("plans/<int:plan_id>/versions/", include("balise.web.versions.urls")),
    path("plans/<int:plan_id>/documents/", include("balise.exports.urls")),
    path("plans/<int:plan_id>/monitoring/", include("balise.monitoring.urls")),
    path("plans/<int:plan_id>/monitoring/workbook/", include("balise.workbook.urls")),
    path("plans/<int:plan_id>/report/", include("balise.exports.report.urls")),
    path("dashboards/", include("balise.monitoring.urls_dashboards")),
    path("plans/<int:plan_id>/finance/", include("balise.finance.urls")),
    path("finance/", include("balise.finance.urls_overview")),
    path("regional/", include("balise.regional.urls")),
    path("public/", include("balise.web.public.urls")),
    path("plans/<int:plan_id>/publication/", public_manage.publication, name="plan-publication"),
    path("jobs/", include("balise.web.jobs.urls")),
    path("", include("balise.web.urls")),
]
