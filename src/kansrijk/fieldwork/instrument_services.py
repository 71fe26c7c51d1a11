"""Use-cases for instrument versions: import an XLSForm as a new version, export it again, compare two.

A version's XLSForm bytes are the source of truth: their sha256 goes into every snapshot made with it, so a
version, once stored, never changes. Importing the same bytes again is a no-op; importing other bytes under a
``form_id`` + ``settings.version`` that already exists is refused (raise ``settings.version`` instead). A file
with problems stores nothing and reports every problem at its sheet, row and column. The web page and the
``kansrijk instrument import|export`` commands both call these functions, so the rules live here only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.services import audit
from kansrijk.instrument import (
    Instrument,
    InstrumentDiff,
    InstrumentError,
    InstrumentErrors,
    diff_instruments,
    load_xlsform,
)

from . import services
from .models import InstrumentVersion, Wave
from .questionnaire import instrument_for_version, load_instrument

#: Largest XLSForm accepted (bytes). The default OKO-kern form is about 60 kB; 5 MB leaves room for many
#: languages while keeping a stray export of a whole data set out of the database.
MAX_XLSFORM_BYTES = 5 * 1024 * 1024

#: A version appears in URLs and file names: letters, digits, dot, dash and underscore only.
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

_SETTINGS = "settings"
_CODE_MAX = InstrumentVersion._meta.get_field("code").max_length or 64
_VERSION_MAX = InstrumentVersion._meta.get_field("version").max_length or 32
_TITLE_MAX = InstrumentVersion._meta.get_field("title").max_length or 200


class InstrumentImportFailed(services.FieldworkError):
    """Nothing was stored; ``errors`` say where (sheet, row, column) and what to fix."""

    def __init__(self, errors: tuple[InstrumentError, ...] | list[InstrumentError]) -> None:
        self.errors: tuple[InstrumentError, ...] = tuple(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        head = _("Niets opgeslagen. Gevonden problemen: %(n)s") % {"n": len(self.errors)}
        return "\n".join([head, *(f"- {e.location}: {e.message}" for e in self.errors)])


class InstrumentNotFound(services.FieldworkError):
    """No stored version with this code and version."""


@dataclass(frozen=True)
class ImportResult:
    """The stored version and whether this call created it (``False``: the same bytes were already there)."""

    version: InstrumentVersion
    created: bool


def _error(column: str | None, message: str, sheet: str = _SETTINGS, row: int | None = 2) -> InstrumentError:
    return InstrumentError(sheet, row, column, message)


def _check_storable(instrument: Instrument) -> list[InstrumentError]:
    """What the library accepts but a stored version cannot do without: a code and a version fit for URLs."""
    errors: list[InstrumentError] = []
    if not instrument.code:
        errors.append(_error("form_id", _("Vul form_id in: de code van de vragenlijst, bv. oko_kern.")))
    elif len(instrument.code) > _CODE_MAX:
        errors.append(_error("form_id", _("form_id is langer dan %(n)s tekens.") % {"n": _CODE_MAX}))
    if not instrument.version:
        errors.append(
            _error("version", _("Vul version in: elke versie van een vragenlijst heeft een eigen nummer."))
        )
    elif len(instrument.version) > _VERSION_MAX or not VERSION_RE.match(instrument.version):
        errors.append(
            _error(
                "version",
                _(
                    "version “%(version)s” mag alleen letters, cijfers, punt, streepje en liggend streepje "
                    "bevatten (hoogstens %(n)s tekens), bv. 2027.1."
                )
                % {"version": instrument.version, "n": _VERSION_MAX},
            )
        )
    if len(instrument.title) > _TITLE_MAX:
        errors.append(_error("form_title", _("form_title is langer dan %(n)s tekens.") % {"n": _TITLE_MAX}))
    return errors


def _conflict(instrument: Instrument) -> InstrumentImportFailed:
    return InstrumentImportFailed(
        [
            _error(
                "version",
                _(
                    "Vragenlijst %(code)s versie %(version)s bestaat al met een andere inhoud. Een "
                    "versie verandert nooit meer (metingen verwijzen naar de sha256 ervan); verhoog "
                    "settings.version en importeer opnieuw."
                )
                % {"code": instrument.code, "version": instrument.version},
            )
        ]
    )


def validate_xlsform(data: bytes, filename: str = "") -> Instrument:
    """Read and validate an XLSForm for storing; raises :class:`InstrumentImportFailed` with every problem.

    ``filename`` gives the form id of a form without ``settings.form_id`` (as pyxform does).
    """
    if len(data) > MAX_XLSFORM_BYTES:
        raise InstrumentImportFailed(
            [
                _error(
                    None,
                    _("Het bestand is groter dan %(mb)s MB.") % {"mb": MAX_XLSFORM_BYTES // (1024 * 1024)},
                    sheet="file",
                    row=None,
                )
            ]
        )
    try:
        instrument = load_xlsform(data, name=filename) if filename else load_instrument(data)
    except InstrumentErrors as exc:
        raise InstrumentImportFailed(exc.errors) from None
    errors = _check_storable(instrument)
    if errors:
        raise InstrumentImportFailed(errors)
    return instrument


def import_instrument(
    actor: Any, data: bytes, *, municipality: Municipality | None = None, filename: str = ""
) -> ImportResult:
    """Store an XLSForm as a new :class:`InstrumentVersion` — or find the identical one already stored.

    Refuses (``InstrumentImportFailed``) a file with problems and a version that exists with other bytes;
    in both cases nothing is stored. A new version is written to the audit log.
    """
    sha = hashlib.sha256(data).hexdigest()
    existing = InstrumentVersion.objects.filter(sha256=sha).first()
    if existing is not None:
        return ImportResult(existing, created=False)
    instrument = validate_xlsform(data, filename)
    if InstrumentVersion.objects.filter(code=instrument.code, version=instrument.version).exists():
        raise _conflict(instrument)
    try:
        with transaction.atomic():
            version = InstrumentVersion.objects.create(
                code=instrument.code,
                version=instrument.version,
                title=instrument.title,
                xlsform=data,
                sha256=sha,
            )
            audit(
                actor,
                "instrument_import",
                municipality=municipality,
                obj=version,
                code=version.code,
                version=version.version,
                sha256=sha,
                filename=filename[:200],
            )
    except IntegrityError:
        # Somebody stored the same version (or the same bytes) between our check and our insert.
        same = InstrumentVersion.objects.filter(sha256=sha).first()
        if same is not None:
            return ImportResult(same, created=False)
        raise _conflict(instrument) from None
    return ImportResult(version, created=True)


def get_version(code: str, version: str) -> InstrumentVersion:
    """The stored version ``code`` ``version``; :class:`InstrumentNotFound` names the versions there are."""
    found = InstrumentVersion.objects.filter(code=code, version=version).first()
    if found is not None:
        return found
    known = list(InstrumentVersion.objects.filter(code=code).values_list("version", flat=True))
    if known:
        raise InstrumentNotFound(
            _("Vragenlijst %(code)s heeft geen versie %(version)s (wel: %(known)s).")
            % {"code": code, "version": version, "known": ", ".join(known)}
        )
    raise InstrumentNotFound(
        _("Er is geen vragenlijst met code %(code)s; importeer hem eerst.") % {"code": code}
    )


def export_instrument(
    actor: Any, version: InstrumentVersion, *, municipality: Municipality | None = None
) -> bytes:
    """The XLSForm exactly as imported (byte for byte); refuses bytes that no longer match their sha256."""
    data = bytes(version.xlsform)
    if hashlib.sha256(data).hexdigest() != version.sha256:
        raise services.FieldworkError(
            _(
                "Het opgeslagen bestand van %(code)s versie %(version)s klopt niet meer met zijn sha256; "
                "zet een back-up terug."
            )
            % {"code": version.code, "version": version.version}
        )
    audit(
        actor,
        "instrument_export",
        municipality=municipality,
        obj=version,
        code=version.code,
        version=version.version,
        sha256=version.sha256,
    )
    return data


def export_filename(version: InstrumentVersion) -> str:
    """A safe download name, e.g. ``oko_kern-2025.1.xlsx``."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", f"{version.code}-{version.version}") + ".xlsx"


def parsed(version: InstrumentVersion) -> Instrument:
    """The questionnaire of a stored version, parsed once per process."""
    return instrument_for_version(version.pk, version.sha256)


def is_locked(version: InstrumentVersion) -> bool:
    """A version a wave uses is locked (``InstrumentVersion.save`` refuses changes to it)."""
    return Wave.objects.filter(instrument=version).exists()


def compare_versions(old: InstrumentVersion, new: InstrumentVersion) -> InstrumentDiff:
    """Items and indicators added, removed and changed from ``old`` to ``new`` (by comparability hash)."""
    return diff_instruments(parsed(old), parsed(new))


def ensure_default_instrument() -> InstrumentVersion | None:
    """Store the packaged OKO-kern questionnaire if it is not there yet (``None`` when not installed)."""
    if not services.DEFAULT_INSTRUMENT.is_file():
        return None
    return services.default_instrument()
