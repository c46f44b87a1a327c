"""Reference nomenclatures stored in the database (loaded from `balise.reference.data`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from balise.domain.languages import pick


class TranslatedName(models.Model):
    """The ``name`` (and text) of a model with ``name_fr``, ``name_nl`` and ``name_de`` columns.

    An abstract model without fields, so that the models' migration state keeps ``models.Model``
    as their only base (a plain mixin would be written into every future migration)."""

    name_fr: str
    name_nl: str
    name_de: str

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        """The name in the active language (French when there is none in it)."""
        return pick(get_language(), self.name_fr, self.name_nl, self.name_de)

    def __str__(self) -> str:
        return self.name


class BilingualName(TranslatedName):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=300)
    name_nl = models.CharField(_("name (Dutch)"), max_length=300)
    name_de = models.CharField(_("name (German)"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ("order", "id")


class Phenomenon(BilingualName):
    class Meta(BilingualName.Meta):
        verbose_name = _("phenomenon")
        verbose_name_plural = _("phenomena")


class ObjectiveCatalogueEntry(BilingualName):
    """A strategic objective of the national catalogue, for phenomena or for coordination."""

    class Scope(models.TextChoices):
        PHENOMENON = "phenomenon", _("phenomena")
        COORDINATION = "coordination", _("coordination")

    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)

    class Meta(BilingualName.Meta):
        verbose_name = _("catalogue strategic objective")
        verbose_name_plural = _("catalogue strategic objectives")


class Sector(BilingualName):
    """A sector of activity of the Contrat de sécurité et de société."""

    class Meta(BilingualName.Meta):
        verbose_name = _("sector of activity")
        verbose_name_plural = _("sectors of activity")


class Thematic(TranslatedName):
    """A thematic of a regional plan (PGSP 2021-2024 by default)."""

    catalogue = models.CharField(_("catalogue"), max_length=40, default="pgsp-2021-2024")
    number = models.PositiveSmallIntegerField(_("number"))
    name_fr = models.CharField(_("name (French)"), max_length=300)
    name_nl = models.CharField(_("name (Dutch)"), max_length=300)
    name_de = models.CharField(_("name (German)"), max_length=300, blank=True)

    class Meta:
        ordering = ("catalogue", "number")
        constraints = [models.UniqueConstraint(fields=("catalogue", "number"), name="unique_thematic_number")]
        verbose_name = _("thematic")
        verbose_name_plural = _("thematics")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class MeasureCode(models.Model):
    """A measure number of a regional plan ("1.1"…"9.9"); its text belongs to the imported plan."""

    thematic = models.ForeignKey(Thematic, on_delete=models.CASCADE, related_name="measure_codes")
    code = models.CharField(_("code"), max_length=10)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ("thematic", "order")
        constraints = [models.UniqueConstraint(fields=("thematic", "code"), name="unique_measure_code")]
        verbose_name = _("measure code")
        verbose_name_plural = _("measure codes")

    def __str__(self) -> str:
        return self.code


class Dimension(TranslatedName):
    """What an indicator's values may be broken down by: sex, age band, district, channel (shared
    reference data, ``organisation`` empty) or a dimension one municipality defines for itself."""

    code = models.SlugField(_("code"), max_length=40)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("defined by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("empty for the dimensions shared by every municipality"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ("order", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("code",),
                condition=models.Q(organisation__isnull=True),
                name="unique_shared_dimension",
            ),
            models.UniqueConstraint(fields=("organisation", "code"), name="unique_municipal_dimension"),
        ]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    @property
    def shared(self) -> bool:
        return self.organisation_id is None


class Category(TranslatedName):
    """One category of a dimension ("female", "18-24", "Maritime district")."""

    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="categories"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ("dimension", "order", "id")
        constraints = [models.UniqueConstraint(fields=("dimension", "code"), name="unique_category_code")]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
