"""Forms of the cycle app (municipal admins only; the views check ``edit_cycle`` before using them)."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Direction
from .models import ActionPoint, DialogueEntry, RiskGroup, Theme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def style(form: forms.BaseForm) -> None:
    """NL Design System classes on the widgets (the templates render ``{{ field }}`` as is)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            widget.attrs.setdefault("class", "utrecht-checkbox utrecht-checkbox--html-input")
        elif isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
        elif isinstance(widget, forms.FileInput):
            widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")
        else:
            widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")


class ActionPointForm(forms.ModelForm):
    class Meta:
        model = ActionPoint
        fields = (
            "title",
            "description",
            "status",
            "status_reason",
            "owner",
            "partners",
            "start_date",
            "due_date",
            "themes",
            "risk_groups",
            "next_steps",
        )
        widgets: ClassVar = {
            "start_date": DATE,
            "due_date": DATE,
            "themes": forms.CheckboxSelectMultiple,
            "risk_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.instance.municipality
        self.fields["themes"].queryset = Theme.objects.filter(municipality=municipality)  # type: ignore[attr-defined]
        self.fields["risk_groups"].queryset = RiskGroup.objects.filter(municipality=municipality)  # type: ignore[attr-defined]
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("De einddatum ligt vóór de startdatum."))
        return data


class IndicatorLinkForm(forms.Form):
    """One measure an action point should move: ``survey:<code>`` or ``context:<code>`` and a direction."""

    measure = forms.ChoiceField(label=_("Indicator of contextcijfer"), required=False)
    expected = forms.ChoiceField(label=_("Gewenste richting"), choices=Direction.choices, required=False)
    baseline_wave = forms.CharField(
        label=_("Nulmeting"), required=False, max_length=120, help_text=_("Naam van de meting of periode")
    )
    baseline_value = forms.FloatField(label=_("Waarde bij de nulmeting"), required=False, localize=True)
    target_value = forms.FloatField(label=_("Streefwaarde"), required=False, localize=True)
    target_year = forms.IntegerField(label=_("Streefjaar"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, measures: list[tuple[str, list[tuple[str, str]]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", "—"), *measures]  # type: ignore[attr-defined]
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("measure") and not data.get("expected"):
            self.add_error("expected", _("Kies of de indicator omhoog of omlaag moet."))
        if (data.get("target_value") is None) != (data.get("target_year") is None):
            self.add_error("target_year", _("Vul streefwaarde en streefjaar allebei in, of geen van beide."))
        return data


IndicatorLinkFormSet = forms.formset_factory(IndicatorLinkForm, extra=2, can_delete=True)


class ProgressNoteForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DATE)
    text = forms.CharField(label=_("Wat is er gebeurd?"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class DialogueForm(forms.ModelForm):
    class Meta:
        model = DialogueEntry
        fields = ("date", "audience", "format", "heard", "follow_up", "action_points")
        widgets: ClassVar = {
            "date": DATE,
            "heard": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
            "action_points": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action_points"].queryset = ActionPoint.objects.filter(municipality=municipality)  # type: ignore[attr-defined]
        style(self)


class ImportForm(forms.Form):
    KIND_CHOICES = (("context", _("Contextcijfers")), ("provision", _("Aanbod")))
    kind = forms.ChoiceField(label=_("Soort bestand"), choices=KIND_CHOICES)
    file = forms.FileField(
        label=_("Bestand (.csv of .xlsx)"),
        help_text=_("CSV met ; als scheidingsteken en decimale komma, of een Excel-bestand."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class StarterSetForm(forms.Form):
    starter_set = forms.ChoiceField(
        label=_("Startset"), choices=(("maastricht-2018", _("Maastricht 2018 startset")),)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class ScheduleForm(forms.Form):
    first_year = forms.IntegerField(
        label=_("Eerste veldwerkjaar"), min_value=2000, max_value=2100, help_text=_("Veldwerk in het najaar")
    )
    interval_years = forms.IntegerField(
        label=_("Om de hoeveel jaar"),
        min_value=1,
        max_value=6,
        initial=2,
        help_text=_("Standaard: elke twee jaar"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)
