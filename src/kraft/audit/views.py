from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from kraft.audit import selectors
from kraft.audit.forms import AuditFilterForm
from kraft.audit.labels import action_label, all_labels
from kraft.core import spreadsheets

PAGE_SIZE = 50
CSV_COLUMNS = [
    "tidpunkt",
    "utford_av",
    "handelse",
    "handelse_kod",
    "objekttyp",
    "objekt_id",
    "objekt",
    "organisation",
    "fore",
    "efter",
    "ip_adress",
]


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, Any]:
    if not selectors.can_view_any_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, user=request.user)
    return form, selectors.events_for(request.user, **form.filters())


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = all_labels()
    urls = _target_urls(page_obj.object_list)
    for event in page_obj.object_list:
        event.action_text = action_label(event.action, labels)
        event.target_url = urls.get((event.target_type, event.target_id), "")
    return render(request, "audit/list.html", {"form": form, "page_obj": page_obj})


def _target_urls(events: Any) -> dict[tuple[str, str], str]:
    """Links to the objects the events are about (one query per kind of object; gone objects get no link)."""
    wanted: dict[str, set[str]] = {}
    for event in events:
        if event.target_type and event.target_id.isdigit():
            wanted.setdefault(event.target_type, set()).add(event.target_id)
    urls: dict[tuple[str, str], str] = {}
    for target_type, ids in wanted.items():
        try:
            model = apps.get_model(target_type)
        except (LookupError, ValueError):
            continue
        if not hasattr(model, "get_absolute_url"):
            continue
        for pk, obj in model._default_manager.in_bulk([int(i) for i in ids]).items():
            urls[(target_type, str(pk))] = obj.get_absolute_url()
    return urls


def _csv_rows(events: Any) -> Iterator[list[str]]:
    labels = all_labels()
    for event in events.iterator(chunk_size=2000):
        yield [
            spreadsheets.text_cell(value)
            for value in (
                timezone.localtime(event.created_at).isoformat(timespec="seconds"),
                event.actor_label,
                action_label(event.action, labels),
                event.action,
                event.target_type,
                event.target_id,
                event.target_label,
                event.organisation.name if event.organisation else "",
                json.dumps(event.before, ensure_ascii=False) if event.before is not None else "",
                json.dumps(event.after, ensure_ascii=False) if event.after is not None else "",
                event.ip_address or "",
            )
        ]


@login_required
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, events = _filtered(request)
    # CSV för Excel (the log is read by people in Swedish Excel); every text cell is neutralised against formulas.
    lines = spreadsheets.csv_lines(CSV_COLUMNS, _csv_rows(events), spreadsheets.EXCEL)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="kraft-granskningslogg-{stamp}.csv"'
    return response
