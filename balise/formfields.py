"""Typed access to a form's own fields (Django copies the declared fields for each form, so a
form changes its choices or its queryset on ``self.fields``, typed only as `Field`)."""

from __future__ import annotations

from typing import TypeVar

from django import forms

_F = TypeVar("_F", bound=forms.Field)


def field_of(form: forms.BaseForm, name: str, kind: type[_F]) -> _F:
    """The field ``name`` of ``form``, which is declared as a ``kind``."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field
