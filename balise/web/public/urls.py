from django.urls import path, re_path

from balise.web.public import views

LANG = r"^(?P<lang>fr|nl|de)/"

urlpatterns = [
    path("", views.root, name="public-root"),
    re_path(LANG + r"$", views.index, name="public-index"),
    re_path(
        LANG + r"municipalities/(?P<code>[0-9A-Za-z-]{1,20})/$",
        views.municipality,
        name="public-municipality",
    ),
    re_path(LANG + r"plans/(?P<plan_id>[0-9]{1,10})/$", views.plan, name="public-plan"),
    re_path(LANG + r"phenomena/(?P<code>[a-z0-9-]{1,60})/$", views.phenomenon, name="public-phenomenon"),
]
