"""Published categories (reference data) and the figures imported for them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from balise.domain.languages import pick


class Source(models.TextChoices):
    POLICE = "police", _("police crime statistics")
    MONITOR = "monitor", _("Safety Monitor")


class Category(models.Model):
    """A criminal figure or Safety Monitor question, and the phenomena it informs."""

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_de = models.CharField(_("name (German)"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=10, default="count")
    phenomena = models.ManyToManyField(
        "reference.Phenomenon", verbose_name=_("phenomena"), related_name="context_categories"
    )

    class Meta:
        ordering = ("source", "code")
        verbose_name = _("statistics category")
        verbose_name_plural = _("statistics categories")

    @property
    def name(self) -> str:
        return pick(get_language(), self.name_fr, self.name_nl, self.name_de)

    def __str__(self) -> str:
        return self.name


class Figure(models.Model):
    """One published figure: a category, for a municipality or police zone, for a year."""

    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source_file = models.CharField(_("source document"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        ordering = ("category", "organisation", "year")
        constraints = [
            models.UniqueConstraint(fields=("category", "organisation", "year"), name="unique_context_figure")
        ]
        verbose_name = _("context figure")
        verbose_name_plural = _("context figures")

    def __str__(self) -> str:
        return f"{self.category} {self.organisation} {self.year}: {self.value}"
