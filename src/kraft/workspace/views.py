from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kraft.accounts import verification
from kraft.workspace import extensions, selectors


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """The start page after sign-in: my organisations and roles, one next step, and what the apps have for me."""
    person: Any = request.user
    memberships = selectors.my_memberships(person)
    context = {
        "memberships": memberships,
        "next_action": selectors.next_action(person, memberships),
        "email_verified": verification.email_is_verified(person),
        "sections": extensions.my_work_sections(request),
    }
    return render(request, "workspace/home.html", context)
