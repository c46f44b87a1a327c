"""Open-data downloads and the DCAT-AP catalogue of the public site (cached like its pages)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from balise import clock
from balise.exports.opendata import dcat
from balise.exports.opendata.tables import TABLES, tables, to_csv, to_json
from balise.publication import selectors
from balise.web.public.cache import serve_cached


def _plans(scope: str, key: str) -> list[selectors.PublicPlan]:
    if scope == "plans":
        try:
            return [selectors.public_plan(int(key))]
        except selectors.NotPublished:
            raise Http404 from None
    summaries = selectors.published_plans(municipality_code=key if scope == "municipalities" else None)
    if scope == "municipalities" and not summaries:
        raise Http404
    return [selectors.public_plan(summary.id) for summary in summaries]


def download(request: HttpRequest, scope: str, name: str, key: str = "") -> HttpResponse:
    """``<table>.csv`` or ``data.json`` of one plan, one municipality or every published plan."""

    def build() -> HttpResponse:
        table, _dot, extension = name.partition(".")
        if not ((extension == "csv" and table in TABLES) or name == "data.json"):
            raise Http404
        data = tables(_plans(scope, key))
        filename = f"balise-{scope}{'-' + key if key else ''}-{table}.{extension}"
        if extension == "csv":
            response = HttpResponse(to_csv(data, table), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(to_json(data), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    return serve_cached(request, build)


def catalogue(request: HttpRequest, extension: str) -> HttpResponse:
    def build() -> HttpResponse:
        addresses = dcat.Addresses(request.build_absolute_uri("/"))
        document = dcat.catalogue(addresses, selectors.published_plans(), clock.today())
        if extension == "ttl":
            return HttpResponse(dcat.to_turtle(document), content_type="text/turtle; charset=utf-8")
        return HttpResponse(dcat.to_jsonld(document), content_type="application/ld+json")

    return serve_cached(request, build)
