"""Limits on ZIP-based files (DOCX, ODT, XLSX) checked from the central directory before anything is inflated.

A 700 KB file can hold hundreds of megabytes once unpacked (a "ZIP bomb"). Python's ``zipfile`` never inflates a
member past the size its directory entry declares, so checking the declared sizes first bounds what any reader
(python-docx, odfpy, openpyxl) can unpack: the total, the compression ratio of every large member, and the number
of members.
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

LARGE_MEMBER = 1024 * 1024  # members smaller than this may compress as well as they like


class ArchiveRefused(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def check_archive(data: bytes) -> None:
    """Raise ``ArchiveRefused`` (with a Swedish message) when unpacking ``data`` would exceed the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ArchiveRefused("corrupt", _("Filen är skadad: ZIP-behållaren går inte att läsa.")) from None
    check_members(members)


def check_members(members: list[zipfile.ZipInfo]) -> None:
    max_members = settings.ARCHIVE_MAX_MEMBERS
    if len(members) > max_members:
        raise ArchiveRefused(
            "archive_members",
            _("Filen innehåller %(count)s delar; högst %(max)s tillåts.") % {"count": len(members), "max": max_members},
        )
    total = sum(member.file_size for member in members)
    if total > settings.ARCHIVE_MAX_BYTES:
        raise ArchiveRefused(
            "archive_size",
            _("Filen blir %(size)s MB uppackad; högst %(max)s MB tillåts.")
            % {"size": round(total / 1024 / 1024), "max": round(settings.ARCHIVE_MAX_BYTES / 1024 / 1024)},
        )
    for member in members:
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size > LARGE_MEMBER and ratio > settings.ARCHIVE_MAX_RATIO:
            raise ArchiveRefused(
                "archive_ratio",
                _(
                    "Filen packas upp till %(ratio)s gånger sin storlek (delen %(name)s), vilket tyder på en "
                    "så kallad ZIP-bomb. Spara om dokumentet och försök igen."
                )
                % {"ratio": round(ratio), "name": member.filename[:80]},
            )


def read_head(archive: zipfile.ZipFile, name: str, limit: int = 256) -> bytes:
    """At most ``limit`` bytes of one member, inflating no more than that (for sniffing)."""
    with archive.open(name) as member:
        return member.read(limit)
