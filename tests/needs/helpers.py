"""Needs built through the services, as users build them."""

from __future__ import annotations

from typing import Any

from kraft.needs import services
from kraft.needs.models import Need

PROBLEM = (
    "Vår växel får tusentals samtal om bygglov och avfall varje månad. Invånarna väntar länge och "
    "handläggarna avbryts. Vi vill pröva en AI-chattbot som svarar på vanliga frågor dygnet runt."
)


def need(
    actor: Any, organisation: Any, *, title: str = "Chattbot för växeln", publish: bool = True, **data: Any
) -> Need:
    content = {"title": title, "problem": PROBLEM, "welfare_area": data.pop("welfare_area", None), **data}
    return services.create_need(actor, content, organisation=organisation, publish=publish)
