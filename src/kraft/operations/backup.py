"""Backups that restore: the database and the uploaded files in one archive, with a manifest and checksums.

- SQLite is copied with SQLite's online backup API: a consistent snapshot that includes what is still in the
  write-ahead log, taken while the site keeps running and writing (a plain file copy loses the WAL).
- PostgreSQL is dumped with ``pg_dump --format=custom`` (one consistent snapshot) and restored with
  ``pg_restore --clean``.
- ``media/`` (uploaded documents) goes in beside it; the search index lives in the database and comes along.

The archive is a ``.tar.gz`` holding ``manifest.json``, ``database.sqlite3`` or ``database.pgdump`` and
``media/…``. The manifest lists every member with its size and SHA-256; restore checks them all before it
writes anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from kraft import __version__

FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _media_files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            yield Path(folder) / name


def _pg_env(database: Any) -> dict[str, str]:
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def _dump_database(target: Path) -> tuple[str, str]:
    """Write the database to ``target``'s folder; returns (vendor, member name)."""
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        member = target / "database.sqlite3"
        source = sqlite3.connect(str(database["NAME"]), timeout=60)
        copy = sqlite3.connect(str(member))
        try:
            with copy:
                source.backup(copy)  # one step, a read snapshot: writers go on (a stepwise copy restarts on writes)
        finally:
            copy.close()
            source.close()
        return "sqlite", member.name
    if connection.vendor == "postgresql":
        member = target / "database.pgdump"
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(member), str(database["NAME"])]
        done = subprocess.run(command, env=_pg_env(database), capture_output=True, text=True)
        if done.returncode:
            raise BackupError(f"pg_dump misslyckades: {done.stderr.strip()[-2000:]}")
        return "postgresql", member.name
    raise BackupError(f"Säkerhetskopiering stöds inte för databasen {connection.vendor}.")


def backup(path: str | Path) -> dict[str, Any]:
    """Write a backup archive to ``path`` (written beside it first, then renamed). Returns the manifest."""
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        staging = Path(folder)
        vendor, database_member = _dump_database(staging)
        files = [{"name": database_member, "size": (staging / database_member).stat().st_size,
                  "sha256": _sha256(staging / database_member)}]  # fmt: skip
        media = []
        for file in _media_files(media_root):
            relative = PurePosixPath("media", *file.relative_to(media_root).parts)
            media.append((file, str(relative)))
            files.append({"name": str(relative), "size": file.stat().st_size, "sha256": _sha256(file)})
        manifest = {
            "format": FORMAT,
            "kraft_version": __version__,
            "created_at": timezone.now().isoformat(),
            "database": vendor,
            "migrations": _migrations(),
            "files": files,
        }
        partial = staging / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(staging / database_member, arcname=database_member)
            for file, name in media:
                archive.add(file, arcname=name)
        os.replace(partial, path)
    return manifest


def _migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("id").values_list("app", "name"):
        latest[app] = name
    return latest


# ------------------------------------------------------------------ restore


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    member = archive.extractfile("manifest.json")
    if member is None:
        raise BackupError("Arkivet saknar manifest.json; det är ingen säkerhetskopia från Kraft.")
    manifest: dict[str, Any] = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Okänt format på säkerhetskopian: {manifest.get('format')}")
    return manifest


def _safe_name(name: str) -> PurePosixPath:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise BackupError(f"Otillåtet filnamn i arkivet: {name}")
    return relative


def _extract_checked(path: Path, into: Path) -> dict[str, Any]:
    """Unpack into ``into``, checking every member against the manifest (size and SHA-256)."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = read_manifest(archive)
        expected = {entry["name"]: entry for entry in manifest["files"]}
        for member in archive.getmembers():
            if member.name == "manifest.json":
                continue
            if member.name not in expected or not member.isfile():
                raise BackupError(f"Arkivet innehåller något som manifestet inte nämner: {member.name}")
            target = into / _safe_name(member.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            with target.open("wb") as handle:
                shutil.copyfileobj(source, handle, CHUNK)
        for name, entry in expected.items():
            file = into / _safe_name(name)
            if not file.is_file() or file.stat().st_size != entry["size"] or _sha256(file) != entry["sha256"]:
                raise BackupError(f"Kontrollsumman stämmer inte för {name}; säkerhetskopian är skadad.")
    return manifest


def restore(path: str | Path, *, force: bool = False) -> dict[str, Any]:
    """Restore an archive made by ``backup`` into the configured database and media folder."""
    path = Path(path).resolve()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as folder:
        staging = Path(folder)
        manifest = _extract_checked(path, staging)
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"Säkerhetskopian kommer från {manifest['database']} men databasen här är {connection.vendor}."
            )
        if not force and _has_data():
            raise BackupError("Databasen innehåller redan data. Återställ till en tom databas, eller ange --force.")
        if connection.vendor == "sqlite":
            _restore_sqlite(staging / "database.sqlite3")
        else:
            _restore_postgres(staging / "database.pgdump")
        if (staging / "media").is_dir():
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(staging / "media", media_root, dirs_exist_ok=True)
    return manifest


def _has_data() -> bool:
    tables = connection.introspection.table_names()
    if "django_migrations" not in tables:
        return False
    from django.contrib.auth import get_user_model

    return "auth_user" in tables and get_user_model().objects.exists()


def _restore_sqlite(dump: Path) -> None:
    name = str(settings.DATABASES["default"]["NAME"])
    connection.close()
    source = sqlite3.connect(str(dump))
    target = sqlite3.connect(name, timeout=60)
    try:
        with target:
            source.backup(target)  # replaces every page of the target, WAL included
    finally:
        target.close()
        source.close()


def _restore_postgres(dump: Path) -> None:
    database = settings.DATABASES["default"]
    connection.close()
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", str(database["NAME"]), str(dump)]
    done = subprocess.run(command, env=_pg_env(database), capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"pg_restore misslyckades: {done.stderr.strip()[-2000:]}")
