"""Messages between organisations, notifications in the page and by e-mail, and each person's e-mail frequency.

A conversation is between two organisations, about a need or a coalition. Messages reach the receiving
organisation's *contact role* (its editors and administrators, or administrators only), never a personal address:
nobody's e-mail address is shown, and people see the other side as an organisation.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    subject = models.CharField(_("ämne"), max_length=200)
    need = models.ForeignKey(
        "needs.Need", null=True, blank=True, on_delete=models.CASCADE, related_name="conversations"
    )
    coalition = models.ForeignKey(
        "coalitions.Coalition", null=True, blank=True, on_delete=models.CASCADE, related_name="conversations"
    )
    from_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="conversations_started"
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="conversations_received"
    )
    to_role = models.CharField(_("mottagande roll"), max_length=10, default="editor")
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senaste meddelande"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("konversation")
        verbose_name_plural = _("konversationer")

    def __str__(self) -> str:
        return self.subject


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sender_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("meddelande"))
    created_at = models.DateTimeField(_("skickat"), auto_now_add=True)

    class Meta:
        ordering = ["conversation", "created_at"]
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")

    def __str__(self) -> str:
        return f"{self.sender_organisation}: {self.body[:40]}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        MESSAGE = "message", _("Meddelande")
        SIGNAL = "signal", _("Signal")
        INVITATION = "invitation", _("Inbjudan")
        ANSWER = "answer", _("Svar på inbjudan")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=400)
    url = models.CharField(_("länk"), max_length=300)
    conversation = models.ForeignKey(Conversation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-post skickat"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notis")
        verbose_name_plural = _("notiser")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class EmailPreference(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Direkt")
        DAILY = "daily", _("En sammanfattning per dag")
        WEEKLY = "weekly", _("En sammanfattning per vecka")
        NEVER = "never", _("Aldrig (bara i Kraft)")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference")
    frequency = models.CharField(_("e-post"), max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATELY)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("e-postinställning")
        verbose_name_plural = _("e-postinställningar")

    def __str__(self) -> str:
        return f"{self.user}: {self.frequency}"
