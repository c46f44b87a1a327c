from django.urls import path, re_path

from balise.web.public import data_views, views

LANG = r"^(?P<lang>fr|nl|de)/"

NAME = r"(?P<name>[a-z_]{1,24}\.(?:csv|json))$"

urlpatterns = [
    path("", views.root, name="public-root"),
    re_path(r"^catalogue\.(?P<extension>jsonld|ttl)$", data_views.catalogue, name="public-catalogue"),
    re_path(r"^data/(?P<scope>all)/" + NAME, data_views.download, name="public-data-all"),
    re_path(
        r"^data/(?P<scope>plans)/(?P<key>[0-9]{1,10})/" + NAME, data_views.download, name="public-data-plan"
    ),
    re_path(
        r"^data/(?P<scope>municipalities)/(?P<key>[0-9A-Za-z-]{1,20})/" + NAME,
        data_views.download,
        name="public-data-municipality",
    ),
    re_path(LANG + r"$", views.index, name="public-index"),
    re_path(
        LANG + r"municipalities/(?P<code>[0-9A-Za-z-]{1,20})/$",
        views.municipality,
        name="public-municipality",
    ),
    re_path(LANG + r"plans/(?P<plan_id>[0-9]{1,10})/$", views.plan, name="public-plan"),
    re_path(LANG + r"phenomena/(?P<code>[a-z0-9-]{1,60})/$", views.phenomenon, name="public-phenomenon"),
]
