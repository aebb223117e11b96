"""Pages of messaging: inbox, a conversation, writing to a need's or coalition's contact role, notifications and
the e-mail frequency."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.accounts import permissions
from kraft.initiatives.forms import apply_service_errors
from kraft.messaging import selectors, services
from kraft.messaging.email import frequency_of
from kraft.messaging.forms import EmailPreferenceForm, NewMessageForm, ReplyForm


@login_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    conversations = selectors.conversations_for(request.user)
    unread = set(selectors.unread(request.user).values_list("conversation_id", flat=True))
    return render(request, "messaging/inbox.html", {"conversations": conversations, "unread": unread})


@login_required
def new_view(request: HttpRequest) -> HttpResponse:
    need = coalition = None
    if raw := request.GET.get("behov") or request.POST.get("behov"):
        from kraft.needs.selectors import get_need_for_user

        need = get_need_for_user(request.user, raw)
    elif raw := request.GET.get("samverkan") or request.POST.get("samverkan"):
        from kraft.coalitions.selectors import get_coalition_for_user

        coalition = get_coalition_for_user(request.user, raw)
    if need is None and coalition is None:
        raise PermissionDenied(_("Ett meddelande gäller ett behov eller en samverkan."))
    if not permissions.member_organisation_ids(request.user):
        raise PermissionDenied(_("Du behöver en roll i en organisation för att skriva meddelanden."))
    about = need or coalition
    form = NewMessageForm(request.POST or None, user=request.user, initial={"subject": str(about)[:200]})
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.start_conversation(
                request.user,
                sender_organisation=form.cleaned_data["sender_organisation"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                need=need,
                coalition=coalition,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Meddelandet är skickat."))
            return redirect("messaging:conversation", conversation.pk)
    return render(
        request,
        "messaging/new.html",
        {"form": form, "need": need, "coalition": coalition},
        status=400 if form.errors else 200,
    )


@login_required
def conversation_view(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.get_conversation_for_user(request.user, pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply(request.user, conversation, form.cleaned_data["body"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Svaret är skickat."))
            return redirect("messaging:conversation", conversation.pk)
    services.mark_read(request.user, conversation)
    return render(
        request,
        "messaging/conversation.html",
        {"conversation": conversation, "form": form, "side": services.side_of(request.user, conversation)},
        status=400 if form.errors else 200,
    )


@login_required
def notifications_view(request: HttpRequest) -> HttpResponse:
    notifications = request.user.notifications.all()[:100]  # type: ignore[union-attr]
    return render(request, "messaging/notifications.html", {"notifications": notifications})


@login_required
@require_POST
def mark_read_view(request: HttpRequest) -> HttpResponse:
    services.mark_read(request.user)
    messages.success(request, _("Alla notiser är markerade som lästa."))
    return redirect("messaging:notifications")


@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    form = EmailPreferenceForm(request.POST or None, initial={"frequency": frequency_of(request.user)})
    if request.method == "POST" and form.is_valid():
        services.set_email_frequency(request.user, form.cleaned_data["frequency"])
        messages.success(request, _("Din e-postinställning är sparad."))
        return redirect("messaging:settings")
    return render(request, "messaging/settings.html", {"form": form})
