"""Plans written in a Word template no reading knows: labels the vocabulary has never seen
("Chantier :" for an operational objective, "Jauge :" for an indicator)."""

from __future__ import annotations

import io

from docx import Document

CHANTIER, JAUGE = "Chantier", "Jauge"


def unknown_template_docx(title: str, modules: dict[str, dict[str, dict[str, list[str]]]]) -> bytes:
    """``{module: {strategic objective: {operational objective: [indicator, …]}}}`` as a DOCX: modules
    and strategic objectives as Heading 1 and 2, the rest as "Chantier :" and "Jauge :" paragraphs."""
    document = Document()
    document.add_paragraph(title, style="Title")
    for module, objectives in modules.items():
        document.add_heading(module, level=1)
        for objective, actions in objectives.items():
            document.add_heading(objective, level=2)
            for action, indicators in actions.items():
                document.add_paragraph(f"{CHANTIER} : {action}")
                for indicator in indicators:
                    document.add_paragraph(f"{JAUGE} : {indicator}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FIRST = {
    "Cambriolage": {
        "Agir sur les circonstances et l'environnement criminogènes": {
            "Sensibiliser les habitants à la sécurisation de leur logement": [
                "Nombre de séances d'information : ≥ 6/an",
                "Nombre de visites techno-préventives : ≥ 40/an",
            ],
            "Marquer les vélos lors des journées de quartier": ["Nombre de vélos marqués : ≥ 200/an"],
        }
    },
    "Nuisances sociales": {
        "Diminuer les comportements à risque": {
            "Organiser des permanences de médiation": ["Nombre de médiations menées : ≥ 30/an"],
        }
    },
}

SECOND = {
    "Cambriolage": {
        "Agir sur les circonstances et l'environnement criminogènes": {
            "Conseiller les commerçants sur la sécurisation de leurs locaux": [
                "Nombre de commerces conseillés : ≥ 25/an",
            ],
        }
    },
    "Vol dans véhicule": {
        "Diminuer les comportements à risque": {
            "Rappeler aux conducteurs de ne rien laisser en vue": ["Nombre de flyers distribués : ≥ 500/an"],
        }
    },
}
