"""The school report: one school next to the municipal total, for that school only.

Only the school's own rows (``school`` and ``school_grade`` domains) are read from the run's table. All school
reports of a run are built in this process and rendered in parallel worker processes
(:func:`render_school_reports`): rendering is pure and CPU-bound, building needs the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import polars as pl
from django.utils import translation
from django.utils.translation import gettext as _

from kansrijk.accounts.models import School
from kansrijk.reporting.documents import Paragraph, Report, Section, Table, render_pdf

from .. import present
from ..models import AnalysisRun
from . import data
from .common import author, issue_date, row_cells
from .data import RunContext


def school_report(
    run: AnalysisRun, school: School, *, language: str = "nl", ctx: RunContext | None = None
) -> Report:
    """The school vs the municipality; only this school's rows (school and school × grade) are read."""
    ctx = ctx or data.context(run, language)
    code = school.code
    with translation.override(language):
        own = ctx.table.filter(
            ((pl.col("domain_type") == "school") & (pl.col("domain") == code))
            | ((pl.col("domain_type") == "school_grade") & pl.col("domain").str.starts_with(code + "|"))
        )
        total = {
            r["indicator"]: r
            for r in ctx.table.filter(pl.col("domain_type") == "total").iter_rows(named=True)
        }
        school_rows = {
            r["indicator"]: r for r in own.filter(pl.col("domain_type") == "school").iter_rows(named=True)
        }
        grades = sorted(
            {d.split("|")[1] for d in own.filter(pl.col("domain_type") == "school_grade")["domain"].to_list()}
        )
        sections = [
            Section(
                _("Over dit rapport"),
                (
                    Paragraph(
                        _(
                            "Dit rapport is alleen bestemd voor %(school)s. "
                            "Het vergelijkt de leerlingen van de school "
                            "met alle leerlingen van %(municipality)s in meting %(wave)s."
                        )
                        % {"school": school.name, "municipality": author(run), "wave": run.wave.name}
                    ),
                    Paragraph(
                        _(
                            "'Hoger' of 'lager' betekent: significant verschillend van de rest "
                            "van de gemeente. "
                            "Een streepje met voetnoot is een uitkomst die niet getoond wordt, "
                            "omdat die over te weinig "
                            "leerlingen gaat."
                        )
                    ),
                ),
            )
        ]
        for domain_code, domain_label in present.leefdomeinen(language):
            info = {c: i for c, i in ctx.info.items() if i.domain == domain_code and c in school_rows}
            if not info:
                continue
            rows = []
            for c, ind in info.items():
                s = school_rows[c]
                value, ci, _n = row_cells(s, language)
                tv = present.cell(total[c], language) if c in total else None
                vs = present.cell(s, language).vs_total if s.get("suppressed") is None else "–"
                per_grade = []
                for g in grades:
                    gr = own.filter((pl.col("indicator") == c) & (pl.col("domain") == f"{code}|{g}"))
                    per_grade.append(row_cells(gr.row(0, named=True), language)[0] if gr.height else "–")
                rows.append(
                    (ind.label, value, ci, *per_grade, tv.value if tv and tv.value else "–", vs or "–")
                )
            columns = (
                _("Indicator"),
                _("School"),
                _("95%-BI"),
                *(_("Leerjaar %(g)s") % {"g": g} for g in grades),
                _("Gemeente"),
                _("School vs gemeente"),
            )
            numeric = (False, True, True, *(True for _g in grades), True, False)
            sections.append(Section(domain_label, (Table(columns, tuple(rows), None, numeric),)))
        return Report(
            title=_("Schoolrapport %(school)s") % {"school": school.name},
            subtitle=_("%(wave)s — vertrouwelijk, alleen voor de school") % {"wave": run.wave.name},
            sections=tuple(sections),
            lang=language,
            author=author(run),
            date=issue_date(run),
        )


def render_school_reports(
    run: AnalysisRun,
    out_dir: Path,
    *,
    schools: Sequence[School] | None = None,
    language: str = "nl",
    workers: int | None = None,
) -> list[Path]:
    """Every school's report as ``<school code>.pdf`` in ``out_dir``, rendered in parallel processes."""
    ctx = data.context(run, language)
    schools = list(schools if schools is not None else data.schools(run))
    present_codes = set(ctx.table.filter(pl.col("domain_type") == "school")["domain"].to_list())
    schools = [s for s in schools if s.code in present_codes]
    reports = [school_report(run, s, language=language, ctx=ctx) for s in schools]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"{s.code}.pdf" for s in schools]
    if workers == 1 or len(reports) < 2:
        pdfs: Iterable[bytes] = map(render_pdf, reports)
        for path, pdf in zip(paths, pdfs, strict=True):
            path.write_bytes(pdf)
        return paths
    import multiprocessing

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for path, pdf in zip(
            paths, pool.map(render_pdf, reports), strict=True
        ):  # library function: no Django in workers
            path.write_bytes(pdf)
    return paths
