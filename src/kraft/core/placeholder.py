from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def placeholder(title: str):  # type: ignore[no-untyped-def]
    """A page under construction; replaced by each app's real views."""

    def view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        return render(request, "core/placeholder.html", {"title": title})

    return view
