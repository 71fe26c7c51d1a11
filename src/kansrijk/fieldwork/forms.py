"""Staff forms: create a wave, upload a table, register a class, make session codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.accounts.models import School
from kansrijk.vocabulary import LANGUAGES

from .constants import GRADES
from .models import InstrumentVersion, SchoolClass

MAX_UPLOAD = 5 * 1024 * 1024


class WaveForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Kort en uniek, bv. GM9999-2025."))
    name = forms.CharField(label=_("Naam"), max_length=120)
    instrument = forms.ModelChoiceField(label=_("Vragenlijst"), queryset=InstrumentVersion.objects.none())
    grades = forms.TypedMultipleChoiceField(
        label=_("Leerjaren"),
        choices=[(g, str(g)) for g in GRADES],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    window_start = forms.DateField(label=_("Veldwerk vanaf"), widget=forms.DateInput(attrs={"type": "date"}))
    window_end = forms.DateField(
        label=_("Veldwerk tot en met"), widget=forms.DateInput(attrs={"type": "date"})
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen"),
        choices=[(code, name) for code, (name, _dir) in LANGUAGES.items()],
        widget=forms.CheckboxSelectMultiple,
        initial=["nl"],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = InstrumentVersion.objects.all()  # type: ignore[attr-defined]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of Excel)"),
        help_text=_("CSV met ; als scheidingsteken (UTF-8 of Windows-1252), of .xlsx."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload


class ClassForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    grade = forms.TypedChoiceField(label=_("Leerjaar"), coerce=int, choices=[])
    name = forms.CharField(label=_("Klas"), max_length=20, help_text=_("bv. 2A"))
    expected = forms.IntegerField(label=_("Aantal leerlingen"), min_value=1, max_value=60)

    def __init__(
        self, *args: Any, schools: Any = None, grades: list[int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools if schools is not None else School.objects.none()  # type: ignore[attr-defined]
        self.fields["grade"].choices = [(g, str(g)) for g in (grades or [])]  # type: ignore[attr-defined]


class SessionsForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}), initial=dt.time(8, 30)
    )
    end = forms.TimeField(
        label=_("Tot"), widget=forms.TimeInput(attrs={"type": "time"}), initial=dt.time(16, 30)
    )
    classes: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Klassen"), queryset=SchoolClass.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, classes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["classes"].queryset = classes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise forms.ValidationError(_("De eindtijd moet na de begintijd liggen."))
        return data
