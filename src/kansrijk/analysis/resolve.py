"""Resolve a `SurveyDesign` against a data frame: unit codes, variance strata, scales, weights, calibration.

The variance of a linearised statistic follows R's `survey:::svyrecvar` (Lumley 2004, 2010 §2–3): at each
stage s, units are grouped in *variance strata* (stage 1: the design strata; stage s > 1: the unit of stage s
− 1 they belong to). A variance stratum with n units, population N and score totals Z_i contributes

    m · f · n / (n − 1) · Σ_i (Z_i − Z̄)²          f = (N − n) / N  (1 without fpc),

where m is the product over earlier stages of n/N (later stages only count when an fpc is given, as in R). A
stratum with a single unit (lonely PSU) contributes m · f · Z² with `adjust` (R: no centring, which is what
`survey.lonely.psu = "adjust"` does), and nothing with `remove` or `certainty`; `fail` refuses the design.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import polars as pl

from kansrijk.analysis.cells import CELL, collapse_cells, rake_factors
from kansrijk.analysis.design import PostStratification, Raking, SurveyDesign
from kansrijk.analysis.errors import CalibrationError, DesignError

T = TypeVar("T")
R = TypeVar("R")

SELF_REPRESENTING = 1e-7  # R: a stratum with f < 1e-7 is self-representing and adds no variance


@dataclass(frozen=True)
class Stage:
    """Variance structure of one sampling stage, indexed by the stage's unit."""

    unit_of_finest: np.ndarray  # finest unit -> unit of this stage
    vs: np.ndarray  # unit -> variance stratum
    n: np.ndarray  # unit -> number of units in its variance stratum
    scale: np.ndarray  # unit -> m · f · n/(n-1) (0: no contribution)
    centred: np.ndarray  # unit -> centre within the variance stratum (False only for a lonely unit, `adjust`)
    n_units: int
    n_vs: int


@dataclass(frozen=True)
class CalibrationInfo:
    """What the variance needs of a calibration: the cell of every row and, for raking, the margins."""

    kind: str  # "poststratify" | "rake"
    cell: np.ndarray  # row -> calibration cell
    n_cells: int
    cell_weight: np.ndarray  # cell -> total calibrated weight
    cell_rows: np.ndarray  # cell -> number of rows with a positive weight
    margin_codes: tuple[np.ndarray, ...]  # raking: cell -> category, per margin
    margin_sizes: tuple[int, ...]


@dataclass(frozen=True)
class ResolvedDesign:
    """A design bound to one data frame."""

    weights: np.ndarray  # row -> final (calibrated) weight
    unit: np.ndarray  # row -> finest unit that carries variance
    stages: tuple[Stage, ...]
    df: int
    calibration: CalibrationInfo | None


def column_codes(series: pl.Series) -> np.ndarray:
    """Integer codes of one column (any dtype; nulls get a code of their own).

    A column that changes value on few rows (a class's pupils together, a school's classes often too, as a
    school file or a fieldwork export lists them) is coded through its runs: numbering the runs is one
    comparison per row, and only each run's value is hashed — where hashing a million strings into a
    categorical costs ten times that.
    """
    if series.dtype.is_integer():
        low = int(series.min() or 0)  # type: ignore[arg-type]
        return series.fill_null(low - 1).to_numpy().astype(np.int64)
    runs = series.rle_id().to_numpy() if series.len() else np.zeros(0, dtype=np.uint32)
    if runs.size and runs[-1] + 1 <= RUN_SHARE * runs.size:
        starts = np.concatenate([[0], np.flatnonzero(np.diff(runs)) + 1])
        return _categorical_codes(series.gather(starts)).take(runs)
    return _categorical_codes(series)


RUN_SHARE = 0.25  # code through the runs when a column changes value on at most this share of its rows


def _categorical_codes(series: pl.Series) -> np.ndarray:
    physical = series.cast(pl.String).cast(pl.Categorical).to_physical()
    return physical.fill_null(-1).to_numpy().astype(np.int64)


DENSE_SPAN = 8  # count sort when the value range is at most this many times the number of values


def dense_inverse(values: np.ndarray) -> tuple[np.ndarray, int]:
    """`np.unique(values, return_inverse=True)[1]` and the number of distinct values, without a sort.

    The distinct values are the marks in a byte per value of the range, in order, and a value's rank is
    looked up there: no sort when the range is small (codes and combinations of codes); larger ranges fall
    back to a sort.
    """
    if values.size == 0:
        return np.zeros(0, dtype=np.int64), 0
    low, high = int(values.min()), int(values.max())
    span = high - low + 1
    if span > DENSE_SPAN * values.size + 1024:
        distinct, inverse = np.unique(values, return_inverse=True)
        return inverse.astype(np.int64, copy=False), int(distinct.size)
    shifted = values - low if low else values
    present = np.zeros(span, dtype=bool)  # a byte per value of the range, not a count of eight
    present[shifted] = True
    distinct = np.flatnonzero(present)
    # the rank of each present value, written at the present values only, in four bytes: a running count
    # over the whole range in eight (a fine split: 7 million values) was most of the time, in page faults
    rank = np.empty(span, dtype=np.int32 if distinct.size < 2**31 else np.int64)
    rank[distinct] = np.arange(distinct.size, dtype=rank.dtype)
    return rank[shifted].astype(np.int64), int(distinct.size)


def workers() -> int:
    """Threads for the per-item loops: the CPUs this process may use (KANSRIJK_ANALYSIS_THREADS overrides)."""
    configured = os.environ.get("KANSRIJK_ANALYSIS_THREADS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_pool_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_size = 0
_worker = threading.local()  # `busy` is set in the pool's own threads


def _mark_worker() -> None:
    _worker.busy = True


def _forget_pool() -> None:
    """In a forked child the pool's threads do not exist: start a new pool there when needed."""
    global _pool
    _pool = None


os.register_at_fork(after_in_child=_forget_pool)


def _executor(n_threads: int) -> ThreadPoolExecutor:
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size != n_threads:
            if _pool is not None:
                _pool.shutdown(wait=False)
            _pool = ThreadPoolExecutor(
                n_threads, thread_name_prefix="kansrijk-analysis", initializer=_mark_worker
            )
            _pool_size = n_threads
        return _pool


def parallel_map(function: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """`[function(x) for x in items]`, the calls spread over `workers()` threads, results in item order.

    The estimation passes are one NumPy call per item over a million rows (bincount, take, ufuncs); the
    ufuncs release the GIL (np.bincount does not), so the items of a table share the cores. Each call
    computes its own item from shared read-only inputs, so the numbers do not depend on the threads or
    their timing. The threads stay between calls (their memory stays warm: a fresh thread's first touch of
    its work arrays is page faults); a forked child starts its own, and a call from one of them runs in
    that thread.
    `KANSRIJK_ANALYSIS_THREADS=1` runs everything in the calling thread.
    """
    items = list(items)
    n_threads = min(workers(), len(items))
    if n_threads <= 1 or getattr(_worker, "busy", False):
        return [function(x) for x in items]
    # one task per thread (a task is a hand-over between threads, which on a loaded machine costs more than
    # the item), each every n-th item: neighbouring items are alike (the 0/1 items of a table, then its
    # scales; its items, then its variables), so dealt out this way the threads get even shares of work
    runs = [items[t::n_threads] for t in range(n_threads)]
    done = _executor(workers()).map(lambda run: [function(x) for x in run], runs)
    out: list[Any] = [None] * len(items)
    for t, run in enumerate(done):
        out[t::n_threads] = run  # thread t computed items t, t + n, t + 2n, …
    return out


class Scratch:
    """Reusable float64 work arrays of one length, one set per thread (`parallel_map` tasks share none).

    A reused array spares a fresh million-row allocation (and its page faults) per item; per thread, so
    concurrent items never write into each other's buffers.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._local = threading.local()

    def get(self, slot: str) -> np.ndarray:
        buffers: dict[str, np.ndarray] = self._local.__dict__
        if slot not in buffers:
            buffers[slot] = np.empty(self._size)
        return buffers[slot]


def combine(combined: np.ndarray, size: int, part: np.ndarray, n_part: int) -> tuple[np.ndarray, int]:
    """Dense codes of the pairs (combined, part) — `dense_inverse(combined * n_part + part)` — of two dense
    codes (every value 0 … size − 1, 0 … n_part − 1 present).

    A part nested in `combined` (a class within its school) has one pair per value of the part, in the
    order of (combined, part): those n_part values are ranked instead of the rows, which spares the sort of a
    million keys whose range (schools × classes) is too wide for a count.
    """
    of_part = np.empty(n_part, dtype=np.int64)
    of_part[part] = combined
    if np.array_equal(of_part[part], combined):
        rank = np.empty(n_part, dtype=np.int64)
        rank[np.argsort(of_part * n_part + np.arange(n_part))] = np.arange(n_part)
        return rank[part], n_part
    return dense_inverse(combined * n_part + part)


def codes(
    frame: pl.DataFrame, columns: Sequence[str], parts: dict[str, tuple[np.ndarray, int]] | None = None
) -> tuple[np.ndarray, int]:
    """Dense 0-based integer codes of the combinations of `columns` (nulls are a value of their own).

    `parts` caches each column's own codes between calls (a design's strata and PSU keys share columns).
    """
    if not columns:
        return np.zeros(frame.height, dtype=np.int64), 1
    parts = {} if parts is None else parts
    combined: np.ndarray | None = None
    size = 1
    for name in columns:
        if name not in parts:
            part, n_part = dense_inverse(column_codes(frame[name]))
            parts[name] = (part, max(n_part, 1))
        part, n_part = parts[name]
        if combined is None:  # codes of one column are their own combination
            combined, size = part, n_part
        else:
            combined, size = combine(combined, size, part, n_part)
            size = max(size, 1)
    assert combined is not None
    return combined, size


def _require(frame: pl.DataFrame, columns: Sequence[str], place: str) -> None:
    for name in columns:
        if name not in frame.columns:
            raise DesignError(place, f"column {name!r} is not in the data", "check the design's column names")
        if frame[name].null_count():
            raise DesignError(
                place,
                f"column {name!r} has {frame[name].null_count()} missing value(s)",
                "every row needs a value",
            )


def _per_group(values: np.ndarray, group: np.ndarray, n_groups: int, place: str) -> np.ndarray:
    """The one value each group holds; refuse a column that varies within a group."""
    low = np.full(n_groups, np.inf)
    high = np.full(n_groups, -np.inf)
    np.minimum.at(low, group, values)
    np.maximum.at(high, group, values)
    if np.any(low != high):
        raise DesignError(
            place, "the fpc varies within a stratum", "give every unit of a stratum the same fpc"
        )
    return low


def resolve(data: pl.DataFrame, design: SurveyDesign) -> ResolvedDesign:
    """Bind `design` to `data`: see the module docstring for the variance structure it prepares."""
    psu_cols = design.psu_columns
    fpc_cols = design.fpc_columns
    _require(data, [*psu_cols, *fpc_cols, *([design.strata] if design.strata else [])], "SurveyDesign")
    nrows = data.height
    if nrows == 0:
        raise DesignError("data", "the data has no rows", "estimate on a non-empty frame")
    parts: dict[str, tuple[np.ndarray, int]] = {}
    stratum, _ = codes(data, [design.strata] if design.strata else [], parts)
    n_stages = max(len(psu_cols), 1)
    units: list[tuple[np.ndarray, int]] = []
    for s in range(n_stages):
        if psu_cols:
            key = [*([design.strata] if design.strata else []), *psu_cols[: s + 1]]
            units.append(codes(data, key, parts))
        else:
            units.append((np.arange(nrows, dtype=np.int64), nrows))
    has_fpc = bool(fpc_cols)
    deepest = n_stages if has_fpc else 1

    # per stage: variance stratum of each unit, n per stratum, population N per stratum
    row_weight_from_fpc = np.ones(nrows)
    stage_info: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]] = []
    for s in range(n_stages):
        unit_row, n_units = units[s]
        vs_row, n_vs = (stratum, int(stratum.max()) + 1) if s == 0 else units[s - 1]
        vs = np.zeros(n_units, dtype=np.int64)
        vs[unit_row] = vs_row
        n_per_vs = np.bincount(vs, minlength=n_vs).astype(float)
        if has_fpc:
            raw = data[fpc_cols[s]].cast(pl.Float64).to_numpy()
            value = _per_group(raw, vs_row, n_vs, f"SurveyDesign.fpc[{s}] ({fpc_cols[s]!r})")
            if np.all(value <= 1):
                if np.any(value <= 0):
                    raise DesignError(
                        f"fpc {fpc_cols[s]!r}", "a sampling fraction is 0", "fractions lie in (0, 1]"
                    )
                pop = n_per_vs / value
            else:
                pop = value
                if np.any(pop < n_per_vs):
                    raise DesignError(
                        f"fpc {fpc_cols[s]!r}",
                        "a population count is below the number of sampled units",
                        "give the population count of units in the stratum, or a sampling fraction",
                    )
            row_weight_from_fpc *= (pop / n_per_vs)[vs_row]
        else:
            pop = np.full(n_vs, np.inf)
        stage_info.append((vs, n_per_vs, pop, unit_row, n_units))

    stages: list[Stage] = []
    finest_row, n_finest = units[deepest - 1]
    multiplier = np.ones(units[0][1])
    for s in range(deepest):
        vs, n_per_vs, pop, unit_row, n_units = stage_info[s]
        if s > 0:
            parent_of_unit = vs  # stage s > 0: the variance stratum is the parent unit
            prev_vs, prev_n, prev_pop = stage_info[s - 1][0], stage_info[s - 1][1], stage_info[s - 1][2]
            parent_factor = multiplier * (prev_n / prev_pop)[prev_vs]
            multiplier = parent_factor[parent_of_unit]
        n_unit = n_per_vs[vs]
        f = np.where(np.isinf(pop), 1.0, (pop - n_per_vs) / np.where(np.isinf(pop), 1.0, pop))[vs]
        lonely = n_unit == 1
        if design.lonely_psu == "fail" and np.any(lonely & (f >= SELF_REPRESENTING)):
            raise DesignError(
                "SurveyDesign.lonely_psu",
                f"{int(np.sum(lonely & (f >= SELF_REPRESENTING)))} stratum/strata at stage {s + 1} "
                "have one unit",
                "use lonely_psu='adjust' (Kansrijk's default) or merge the stratum with a similar one",
            )
        scale = multiplier * f * np.where(lonely, 1.0, n_unit / np.maximum(n_unit - 1, 1))
        if design.lonely_psu in ("remove", "certainty"):
            scale = np.where(lonely, 0.0, scale)
        scale = np.where(f < SELF_REPRESENTING, 0.0, scale)
        centred = ~lonely | (design.lonely_psu != "adjust")
        unit_of_finest = np.zeros(n_finest, dtype=np.int64)
        unit_of_finest[finest_row] = unit_row
        stages.append(Stage(unit_of_finest, vs, n_unit, scale, centred, n_units, int(n_per_vs.size)))

    if design.weights:
        _require(data, [design.weights], "SurveyDesign.weights")
        weights = data[design.weights].cast(pl.Float64).to_numpy().copy()
        if np.any(weights < 0) or not np.all(np.isfinite(weights)):
            raise DesignError(
                f"weights {design.weights!r}", "negative or infinite weights", "weights are >= 0 and finite"
            )
    else:
        weights = row_weight_from_fpc

    calibration = None
    if design.calibration is not None:
        weights, calibration = _calibrate(data, weights, design.calibration)

    positive = weights != 0
    psu_row, _ = units[0]
    # PSUs and strata with a non-zero weight (dense codes: a count of the codes present)
    psus = np.count_nonzero(np.bincount(psu_row[positive] if not positive.all() else psu_row))
    strata = np.count_nonzero(np.bincount(stratum[positive] if not positive.all() else stratum))
    df = int(psus - strata)
    return ResolvedDesign(weights, finest_row, tuple(stages), df, calibration)


def _population_frame(data: pl.DataFrame, spec: PostStratification) -> pl.DataFrame:
    by = list(spec.by)
    rows = [(*key, count) for key, count in spec.population]
    schema = {name: data.schema[name] for name in by} | {"N": pl.Float64}
    try:
        return pl.DataFrame(rows, schema=schema, orient="row")
    except (TypeError, ValueError, pl.exceptions.PolarsError) as exc:
        raise CalibrationError(
            "population", f"the population keys do not fit the types of {by}: {exc}", "use the data's values"
        ) from exc


def _calibrate(
    data: pl.DataFrame, base: np.ndarray, spec: PostStratification | Raking
) -> tuple[np.ndarray, CalibrationInfo]:
    if isinstance(spec, PostStratification):
        by = list(spec.by)
        for name in by:
            if name not in data.columns:
                raise CalibrationError("poststratify", f"column {name!r} is not in the data", "check `by`")
        sample = data.select(by).group_by(by).agg(pl.len().alias("n").cast(pl.Int64))
        collapsed = collapse_cells(sample, _population_frame(data, spec), by, spec.min_cell_n)
        cell = (
            data.select(by)
            .join(collapsed.mapping, on=by, how="left", nulls_equal=True, maintain_order="left")[CELL]
            .to_numpy()
            .astype(np.int64)
        )
        n_cells = collapsed.cells.height
        target = collapsed.cells.sort(CELL)["N"].to_numpy()
        base_sum = np.bincount(cell, weights=base, minlength=n_cells)
        if np.any(base_sum <= 0):
            raise CalibrationError(
                "poststratify",
                "a cell has respondents but only zero weights",
                "check the weights of that cell",
            )
        weights = base * (target / base_sum)[cell]
        margin_codes: tuple[np.ndarray, ...] = ()
        margin_sizes: tuple[int, ...] = ()
        kind = "poststratify"
    else:
        names = [name for name, _ in spec.margins]
        per_margin: list[np.ndarray] = []
        targets: list[np.ndarray] = []
        for name, pairs in spec.margins:
            if name not in data.columns:
                raise CalibrationError("rake", f"column {name!r} is not in the data", "check the margins")
            values = [value for value, _ in pairs]
            lookup = pl.DataFrame(
                {name: values}, schema={name: data.schema[name]}, strict=False
            ).with_row_index("__g")
            found = data.select(name).join(lookup, on=name, how="left", maintain_order="left")["__g"]
            if found.null_count():
                unknown = data.filter(found.is_null())[name].unique().to_list()
                raise CalibrationError(
                    f"rake margin {name!r}",
                    f"{found.null_count()} row(s) have values without a population count: {unknown[:5]}",
                    "add these values to the margin, or weight these rows separately (see analysis.weights)",
                )
            counts = np.array([count for _, count in pairs], dtype=float)
            present = np.bincount(found.to_numpy(), minlength=len(values))
            if np.any((present == 0) & (counts > 0)):
                empty = [values[i] for i in np.flatnonzero((present == 0) & (counts > 0))]
                raise CalibrationError(
                    f"rake margin {name!r}",
                    f"categories with a population count but no respondents: {empty}",
                    "merge them with a neighbouring category in data and margin (raking cannot fill them)",
                )
            per_margin.append(found.to_numpy().astype(np.int64))
            targets.append(counts)
        cross = pl.DataFrame({f"__m{i}": c for i, c in enumerate(per_margin)})
        cell, n_cells = codes(cross, cross.columns)
        margin_codes_list = []
        for code in per_margin:
            of_cell = np.zeros(n_cells, dtype=np.int64)
            of_cell[cell] = code
            margin_codes_list.append(of_cell)
        base_sum = np.bincount(cell, weights=base, minlength=n_cells)
        factor = rake_factors(base_sum, margin_codes_list, targets, spec.tolerance, spec.max_iter)
        weights = base * factor[cell]
        margin_codes = tuple(margin_codes_list)
        margin_sizes = tuple(len(t) for t in targets)
        kind = "rake"
        del names
    return weights, CalibrationInfo(
        kind=kind,
        cell=cell,
        n_cells=n_cells,
        cell_weight=np.bincount(cell, weights=weights, minlength=n_cells),
        cell_rows=np.bincount(cell, weights=(weights > 0).astype(float), minlength=n_cells),
        margin_codes=margin_codes,
        margin_sizes=margin_sizes,
    )
