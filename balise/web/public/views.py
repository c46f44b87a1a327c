"""The public site: what municipalities and regions chose to publish, for anonymous visitors.

Every page goes through `public_page` (cached, keyed on the publication generation) and reads only
`balise.publication.selectors`, which hold nothing unpublished.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from balise.domain.languages import base_language
from balise.publication import selectors
from balise.reference.models import Phenomenon
from balise.web.public.cache import PUBLIC_LANGUAGES, public_page


def _context(request: HttpRequest, lang: str, **values: object) -> dict[str, object]:
    # The same page in the other languages: the path after the language segment.
    rest = request.path.split("/", 3)[3] if request.path.count("/") >= 3 else ""
    others = [(code, f"/public/{code}/{rest}") for code in PUBLIC_LANGUAGES]
    return {"lang": lang, "languages": others, **values}


def root(request: HttpRequest) -> HttpResponse:
    return redirect("public-index", lang=base_language(get_language()))


@public_page
def index(request: HttpRequest, lang: str) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    plans = selectors.published_plans(query=query)
    phenomena: dict[str, tuple[str, int]] = {}
    for plan in selectors.published_plans():
        for code, name in plan.phenomena:
            phenomena[code] = (name, phenomena.get(code, (name, 0))[1] + 1)
    return render(
        request,
        "public/index.html",
        _context(
            request,
            lang,
            query=query,
            plans=plans,
            municipalities=selectors.published_municipalities(),
            phenomena=sorted((name, code, n) for code, (name, n) in phenomena.items()),
        ),
    )


@public_page
def municipality(request: HttpRequest, lang: str, code: str) -> HttpResponse:
    plans = selectors.published_plans(municipality_code=code)
    if not plans:
        raise Http404
    return render(
        request,
        "public/municipality.html",
        _context(request, lang, plans=plans, name=plans[0].municipality, code=code),
    )


@public_page
def plan(request: HttpRequest, lang: str, plan_id: int) -> HttpResponse:
    try:
        public = selectors.public_plan(int(plan_id))
    except selectors.NotPublished:
        raise Http404 from None
    return render(request, "public/plan.html", _context(request, lang, plan=public))


@public_page
def phenomenon(request: HttpRequest, lang: str, code: str) -> HttpResponse:
    found = Phenomenon.objects.filter(code=code).first()
    if found is None:
        raise Http404
    plans = selectors.published_plans(phenomenon_code=code)
    return render(request, "public/phenomenon.html", _context(request, lang, plans=plans, phenomenon=found))
