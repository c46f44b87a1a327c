from __future__ import annotations

from balise.reference import data


def test_the_national_list_has_33_phenomena_in_french_and_dutch():
    assert len(data.PHENOMENA) == 33
    assert len({p.fr for p in data.PHENOMENA}) == 33
    assert len({p.nl for p in data.PHENOMENA}) == 33
    by_fr = {p.fr: p.nl for p in data.PHENOMENA}
    assert by_fr["Cambriolage"] == "Inbraak"
    assert by_fr["Nuisances sociales"] == "Sociale overlast"


def test_the_pgsp_has_9_thematics_and_77_measures():
    codes = data.pgsp_measure_codes()
    assert len(data.PGSP_THEMATICS) == 9
    assert len(codes) == 77 and len(set(codes)) == 77
    assert codes[0] == "1.1" and codes[-1] == "9.9" and "4.10" in codes


def test_brussels_has_19_municipalities_each_in_one_of_6_police_zones():
    assert len(data.BRUSSELS_MUNICIPALITIES) == 19
    assert [z.code for z in data.BRUSSELS_POLICE_ZONES] == ["5339", "5340", "5341", "5342", "5343", "5344"]
    covered = [nis for nis_codes in data.POLICE_ZONE_MUNICIPALITIES.values() for nis in nis_codes]
    assert sorted(covered) == sorted(m.code for m in data.BRUSSELS_MUNICIPALITIES)
    assert {m.code: m.fr for m in data.BRUSSELS_MUNICIPALITIES}["21012"] == "Molenbeek-Saint-Jean"


def test_the_domain_core_imports_nothing_from_django():
    import pathlib

    domain = pathlib.Path(data.__file__).resolve().parents[1] / "domain"
    for path in domain.glob("*.py"):
        assert "django" not in path.read_text(encoding="utf-8"), path.name
