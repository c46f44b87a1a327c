"""Documents that are not plans: each must be refused with one clear sentence, nothing written."""

from __future__ import annotations

from pathlib import Path

import docx

LETTER = (
    "Commune de Forest – Cabinet du Bourgmestre",
    "Forest, le 14 mars 2024",
    "SPF Intérieur – Direction Sécurité locale intégrale",
    "Boulevard de Waterloo 76, 1000 Bruxelles",
    "Objet : transmission du rapport d'évaluation annuel du plan stratégique de sécurité et de prévention",
    "Madame la Directrice,",
    "Nous avons l'honneur de vous transmettre en annexe le rapport d'évaluation 2023 de notre plan "
    "stratégique de sécurité et de prévention, approuvé par le collège des bourgmestre et échevins en "
    "sa séance du 7 mars 2024.",
    "Le rapport financier suivra dans les délais prévus par l'arrêté royal. Notre fonctionnaire de "
    "prévention reste à votre disposition pour tout renseignement complémentaire.",
    "Veuillez agréer, Madame la Directrice, l'expression de nos salutations distinguées.",
    "Le Bourgmestre,",
    "Le Secrétaire communal,",
)


def letter_docx(path: Path) -> None:
    document = docx.Document()
    for line in LETTER:
        document.add_paragraph(line)
    document.save(str(path))


def scanned_pdf(path: Path) -> int:
    """A scanned page: a PDF holding only a picture of text, no text layer. Returns its pages."""
    from PIL import Image, ImageDraw

    pages = []
    for n in range(2):
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        for line in range(40):
            y = 150 + line * 36
            draw.rectangle((150, y, 150 + (900 if line % 7 else 500), y + 14), fill=40)
        draw.text((150, 80), f"PSSP - page {n + 1}", fill=0)
        pages.append(image)
    pages[0].save(path, "PDF", resolution=150.0, save_all=True, append_images=pages[1:])
    return len(pages)
