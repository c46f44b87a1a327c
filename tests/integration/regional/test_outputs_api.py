"""/api/regional/…/outputs: the same cycle as the pages (define, enter, attach, submit, approve or
return) with the project's refusals: 422 by field, 409 for a locked or stale year, 403 for a role
that may not, 404 for another partner's project; readers of the region see approved figures only."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from balise.regional.models import OutputEvidence, OutputReport

from .test_api import api

PDF = b"%PDF-1.4\n%%EOF\n"


def _base(world, key: str = "zone_2023") -> str:
    return f"/api/regional/{world.regional.pk}/projects/{world.projects[key].pk}/outputs"


def _json(client, method: str, url: str, body: dict | None = None):
    return getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")


def test_the_partner_reports_through_the_api_and_the_coordinator_approves(world, users):
    base = _base(world)
    coordinator, partner = api(users["coordinator"]), api(users["partner"])
    created = _json(
        coordinator, "post", f"{base}/definitions", {"label": "patrouilles", "yearly_target": "200"}
    )
    assert created.status_code == 201
    definition = created.json()["id"]
    assert _json(partner, "post", f"{base}/definitions", {"label": "x"}).status_code == 403
    saved = _json(
        partner, "put", f"{base}/2023", {"values": [{"definition_id": definition, "value": "212.5"}]}
    )
    assert saved.status_code == 200 and saved.json()["state"] == "draft"
    assert saved.json()["values"] == [{"definition_id": definition, "value": "212.50"}]
    upload = partner.post(f"{base}/2023/files", {"file": SimpleUploadedFile("preuve.pdf", PDF)})
    assert upload.status_code == 201 and upload.json()["name"] == "preuve.pdf"
    refused = partner.post(f"{base}/2023/files", {"file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == "file"
    assert _json(partner, "post", f"{base}/2023/submit").json()["state"] == "submitted"
    locked = _json(partner, "put", f"{base}/2023", {"values": []})
    assert locked.status_code == 409
    assert _json(partner, "post", f"{base}/2023/approve").status_code == 403
    # Before approval, a reader of the region sees the definitions but no figure.
    assert api(users["analyst"]).get(base).json()["years"] == []
    assert _json(coordinator, "post", f"{base}/2023/approve").json()["state"] == "approved"
    seen = api(users["analyst"]).get(base).json()
    assert [y["year"] for y in seen["years"]] == [2023] and "evidence" not in seen["years"][0]
    assert OutputEvidence.objects.count() == 1


def test_the_api_refuses_by_field_and_for_a_stale_revision(world, users):
    base, coordinator, partner = _base(world), api(users["coordinator"]), api(users["partner"])
    definition = _json(coordinator, "post", f"{base}/definitions", {"label": "patrouilles"}).json()["id"]
    negative = _json(partner, "put", f"{base}/2023", {"values": [{"definition_id": definition, "value": -1}]})
    assert negative.status_code == 422
    unknown = _json(partner, "put", f"{base}/2023", {"values": [{"definition_id": 999999, "value": 1}]})
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == "values.999999"
    twice = [{"definition_id": definition, "value": 1}, {"definition_id": definition, "value": 2}]
    assert _json(partner, "put", f"{base}/2023", {"values": twice}).status_code == 422
    outside = _json(partner, "put", f"{base}/2030", {"values": []})
    assert outside.status_code == 422
    first = _json(partner, "put", f"{base}/2023", {"values": [], "narrative": "a", "revision": 0})
    assert first.status_code == 200
    stale = _json(partner, "put", f"{base}/2023", {"values": [], "narrative": "b", "revision": 0})
    assert stale.status_code == 409
    assert OutputReport.objects.get(project=world.projects["zone_2023"]).narrative == "a"
    empty = _json(coordinator, "post", f"{base}/2023/return", {"comment": "x"})
    assert empty.status_code == 409  # a draft cannot be returned
    nothing = _json(coordinator, "post", f"{_base(world, 'stib')}/2022/approve")
    assert nothing.status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("other_partner", 404),
        ("outsider", 404),
        ("other_coordinator", 404),
        ("analyst", 403),
        ("municipality", 403),
    ],
)
def test_others_cannot_write_a_projects_outputs(world, users, role, status):
    base, client = _base(world, "zone"), api(users[role])
    assert _json(client, "put", f"{base}/2022", {"values": []}).status_code == status
    assert _json(client, "post", f"{base}/definitions", {"label": "x"}).status_code == status
    assert _json(client, "post", f"{base}/2022/return", {"comment": "non"}).status_code == status
    upload = client.post(f"{base}/2022/files", {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert upload.status_code == status
    assert not OutputEvidence.objects.exists()
    assert OutputReport.objects.get(project=world.projects["zone"], year=2022).state == "approved"
    assert api(None).get(base).status_code == 401
