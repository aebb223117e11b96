"""Staff pages for the registry's reference lists: welfare areas and AI techniques are data, not code."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kraft.accounts import permissions
from kraft.initiatives import services
from kraft.initiatives.forms import apply_service_errors
from kraft.initiatives.models import Technique, WelfareArea

KINDS: dict[str, type[WelfareArea] | type[Technique]] = {"omraden": WelfareArea, "tekniker": Technique}
TITLES = {"omraden": gettext_lazy("Verksamhetsområden"), "tekniker": gettext_lazy("AI-tekniker")}


class ClassificationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=120)
    name_en = forms.CharField(label=gettext_lazy("Namn på engelska"), max_length=120, required=False)
    slug = forms.SlugField(
        label=gettext_lazy("Kod"), max_length=60, help_text=gettext_lazy("Används i adresser, filter och API:t.")
    )
    order = forms.IntegerField(label=gettext_lazy("Ordning"), min_value=0, max_value=32000, initial=100)


def _staff(request: HttpRequest) -> None:
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Bara plattformens personal kan ändra listorna."))


@login_required
def classification_list_view(request: HttpRequest) -> HttpResponse:
    _staff(request)
    return render(
        request,
        "initiatives/classifications.html",
        {"lists": [(kind, TITLES[kind], model.objects.all()) for kind, model in KINDS.items()]},
    )


@login_required
def classification_edit_view(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    _staff(request)
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    instance = get_object_or_404(model, pk=pk) if pk else None
    initial = {f: getattr(instance, f) for f in ("name", "name_en", "slug", "order")} if instance else None
    form = ClassificationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_classification(request.user, model, form.cleaned_data, instance)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Sparat."))
            return redirect("initiatives:classifications")
    return render(
        request, "initiatives/classification_form.html", {"form": form, "title": TITLES[kind], "instance": instance}
    )
