"""Group sums of the estimation quantities, shared by every domain set of one table.

`estimate` needs, per (finest unit, calibration cell, domain) group, the sums of w·y, y, w·y² (per item) and
of w·1[valid], 1[valid], 1[valid, w > 0] (per variable). Two domain sets split the rows of a unit into the
same groups when the columns they differ in are constant within a unit: school, grade and school type are
properties of a class, so "all", "grade", "school", "school × grade" and "school type × grade" all have one
group per (class, cell), and "gender" and "grade × gender" one per (class, cell, gender). The sums are
therefore formed once per *split* — the domain columns that vary within units — instead of once per domain
set: the national table of ten domain sets reads its million rows four times, not ten.

The groups are numbered in the order of their first row (rows of a class usually come together, so the
sums into groups write near each other); counts, Σ y of 0/1 items and Σ w·y² go from the rows straight to
each domain (small outputs). Group sums are `np.bincount`s in row order, as before; sums over groups follow
the groups' order, so last bits can differ from a unit-ordered pass (tests/analysis/test_estimate_reference.py
holds today's numbers to 1e-12 of the stored tables of the per-unit-order code).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from kansrijk.analysis.resolve import ResolvedDesign, column_codes, dense_inverse

#: A 0/1 item is summed over its 1-rows only when at most this share of the rows are 1.
SPARSE_SHARE = 0.5


@dataclass(frozen=True)
class RowQuantities:
    """The per-row inputs of the group sums: weights, item values and validity masks (0 where missing)."""

    weights: np.ndarray
    y: tuple[np.ndarray | None, ...]  # per item: y (None for a 0/1 item held by its 1-rows, `ones`)
    numeric: tuple[bool, ...]  # per item: also Σ w·y² (y can be other than 0/1)
    m: tuple[np.ndarray, ...]  # per variable: valid (boolean: an eighth of the memory of 1.0/0.0)
    positive: np.ndarray | None  # w > 0, when some weights are 0 (else 1[valid, w > 0] is 1[valid])
    with_k: bool  # Σ y is needed (proportions: n_level; raking: the residual sweep)
    group_counts: bool  # keep Σ y and Σ 1[valid] per group (raking's residual sweep needs them)
    ones: tuple[np.ndarray | None, ...]  # per item: the rows where a 0/1 item is 1, when they are few


def row_quantities(
    weights: np.ndarray,
    y: Sequence[np.ndarray],
    numeric: Sequence[bool],
    valid: Sequence[np.ndarray],
    *,
    with_k: bool = True,
    group_counts: bool = False,
) -> RowQuantities:
    zero_weights = bool(np.any(weights == 0))
    positive = weights > 0 if zero_weights else None
    ones: list[np.ndarray | None] = []
    kept: list[np.ndarray | None] = []
    for values, is_numeric in zip(y, numeric, strict=True):
        rows = np.flatnonzero(values) if not is_numeric else None  # a non-numeric item is 0/1
        sparse = rows is not None and rows.size <= SPARSE_SHARE * values.size
        ones.append(rows if sparse else None)
        kept.append(None if sparse else values)
    masks = tuple(m if m.dtype == np.bool_ else m != 0 for m in valid)
    return RowQuantities(
        weights, tuple(kept), tuple(numeric), masks, positive, with_k, group_counts, tuple(ones)
    )


@dataclass(frozen=True)
class DomainTotals:
    """The sums that are only needed per domain, for one domain set (domains × items or variables)."""

    k: np.ndarray | None  # Σ y per item (None when not needed)
    c: dict[int, np.ndarray]  # numeric item -> Σ w·y² per domain
    n: np.ndarray  # Σ 1[valid] per variable
    nz: np.ndarray  # Σ 1[valid, w > 0] per variable (the same array as n without zero weights)


@dataclass(frozen=True)
class GroupSums:
    """Sums per group of one split; groups ordered by (unit, cell), then by the split's own columns.

    Only the sums the variance needs per group are kept (one contiguous array per item or variable); the
    others go straight to `totals` of each domain set of the split — through the same group sums, so in the
    same order — without keeping a groups-long array per item (on a fine split those would be gigabytes).
    """

    block: np.ndarray  # group -> unit * n_cells + cell
    first_row: np.ndarray  # group -> a row of the group (the domain of any domain set is read there)
    a: tuple[np.ndarray, ...]  # per item: Σ w·y
    b: tuple[np.ndarray, ...]  # per variable: Σ w·1[valid]
    totals: dict[tuple[str, ...], DomainTotals]  # per domain set of the split
    k: tuple[np.ndarray, ...]  # per item: Σ y per group (raking only, else empty)
    n: tuple[np.ndarray, ...]  # per variable: Σ 1[valid] per group (raking only, else empty)


class GroupIndex:
    """Domain codes and group sums for the domain sets of one table, each split computed once.

    Made for one `estimate_table` call with the domain sets it will be asked for (so the sums that are only
    needed per domain can be formed for all of a split's sets in one pass); `release` frees the sums of a
    split once no later domain set needs them, so a fine split (wijk × gender) is not kept around.
    """

    def __init__(
        self, frame: pl.DataFrame, rd: ResolvedDesign, rows: RowQuantities, sets: Sequence[Sequence[str]]
    ) -> None:
        self._frame = frame
        self._rows = rows
        cal = rd.calibration
        self.n_cells = cal.n_cells if cal is not None else 1
        self.block_row = rd.unit * self.n_cells + cal.cell if cal is not None else rd.unit
        n_finest = rd.stages[-1].unit_of_finest.size
        first = np.empty(n_finest, dtype=np.int64)
        first[rd.unit] = np.arange(rd.unit.size)  # a row of every unit
        self._unit_first_row = first[rd.unit]  # row -> a row of its unit
        self._parts: dict[str, tuple[np.ndarray, int]] = {}
        self._varies: dict[str, bool] = {}
        self._sums: dict[tuple[str, ...], GroupSums] = {}
        self._rd = rd
        self._cell_units: tuple[np.ndarray, np.ndarray] | None = None
        self._sets: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for by in sets:
            members = self._sets.setdefault(self.split(by), [])
            if tuple(by) not in members:
                members.append(tuple(by))

    def cell_units(self) -> tuple[np.ndarray, np.ndarray]:
        """The (calibration cell, finest unit) pairs as sorted keys cell · n_units + unit, with the weight
        total of each: the post-stratification residual spreads a cell's adjustment over these."""
        if self._cell_units is None:
            cal = self._rd.calibration
            assert cal is not None
            n_units = self._rd.stages[-1].unit_of_finest.size
            key = cal.cell * n_units + self._rd.unit
            cu_of_row, n_cu = dense_inverse(key)
            cu = np.empty(n_cu, dtype=np.int64)
            cu[cu_of_row] = key
            self._cell_units = (cu, np.bincount(cu_of_row, weights=self._rd.weights, minlength=n_cu))
        return self._cell_units

    def _part(self, name: str) -> tuple[np.ndarray, int]:
        if name not in self._parts:
            part, n_part = dense_inverse(column_codes(self._frame[name]))
            self._parts[name] = (part, max(n_part, 1))
        return self._parts[name]

    def codes(self, columns: Sequence[str]) -> tuple[np.ndarray, int]:
        """`resolve.codes(frame, columns)`, with the codes of each column computed once per table."""
        if not columns:
            return np.zeros(self._frame.height, dtype=np.int64), 1
        combined, size = self._part(columns[0])
        for name in columns[1:]:
            part, n_part = self._part(name)
            combined, size = dense_inverse(combined * n_part + part)
        return combined.astype(np.int64, copy=False), size

    def split(self, columns: Sequence[str]) -> tuple[str, ...]:
        """The columns of a domain set that vary within a finest unit (in the set's order)."""
        for name in columns:
            if name not in self._varies:
                part, _ = self._part(name)
                self._varies[name] = not np.array_equal(part, part[self._unit_first_row])
        return tuple(name for name in columns if self._varies[name])

    def sums(self, split: tuple[str, ...]) -> GroupSums:
        """Group sums for the groups (unit, cell, values of `split`), domain totals for its domain sets."""
        if split not in self._sums:
            self._sums[split] = self._compute(split, self._sets.get(split, []))
        return self._sums[split]

    def release(self, split: tuple[str, ...]) -> None:
        self._sums.pop(split, None)

    def _compute(self, split: tuple[str, ...], sets: list[tuple[str, ...]]) -> GroupSums:
        values, n_values = self.codes(split)
        key = self.block_row * n_values + values
        group_of_row, n_groups = dense_inverse(key)
        # number the groups in the order of their first row: when the rows come clustered (a class after
        # a class), every sum into groups then writes near the last write instead of all over a
        # groups-long array — on a fine split, the difference between a cached and an uncached pass
        first_row = np.empty(n_groups, dtype=np.int64)
        first_row[group_of_row[::-1]] = np.arange(key.size - 1, -1, -1)  # the first row of each group
        is_first = np.zeros(key.size, dtype=bool)
        is_first[first_row] = True
        first_row = np.flatnonzero(is_first)  # in row order: group g's first row
        renumber = np.empty(n_groups, dtype=np.int64)
        renumber[group_of_row[first_row]] = np.arange(n_groups)
        group_of_row = renumber[group_of_row]
        groups = key[first_row]
        rows = self._rows
        w = rows.weights
        # products go through two reused scratch columns: the same values as w * y, without a fresh
        # million-row array (and its page faults) per item and split
        product = np.empty_like(w)
        square = np.empty_like(w)
        domains = []
        row_domains = []
        for by in sets:
            domain, n_domains = self.codes(by)
            domains.append((domain[first_row], n_domains))
            row_domains.append((domain, n_domains))

        def to_group(column: np.ndarray) -> np.ndarray:
            return np.bincount(group_of_row, weights=column, minlength=n_groups)

        def rows_to_domains(columns: Sequence[np.ndarray]) -> list[np.ndarray]:
            """Σ per domain of each set straight from the rows: a small output that stays in cache, no
            groups-long array per column. Used for counts (exact in any order) and Σ w·y², which only
            feeds the design effect (its last bits may differ from a sum through the groups)."""
            out = [np.empty((n_domains, len(columns))) for _, n_domains in row_domains]
            for j, column in enumerate(columns):
                for (d_row, n_domains), table in zip(row_domains, out, strict=True):
                    table[:, j] = np.bincount(d_row, weights=column, minlength=n_domains)
            return out

        def count_to_domains(masks: Sequence[np.ndarray]) -> list[np.ndarray]:
            """Σ 1[mask] per domain of each set, as the rows minus the rows outside the mask (few)."""
            out = [np.empty((n_domains, len(masks))) for _, n_domains in row_domains]
            size = [np.bincount(d_row, minlength=n_domains) for d_row, n_domains in row_domains]
            for j, mask in enumerate(masks):
                outside = np.flatnonzero(~mask)
                for (d_row, n_domains), table, rows_d in zip(row_domains, out, size, strict=True):
                    table[:, j] = rows_d - np.bincount(d_row.take(outside), minlength=n_domains)
            return out

        a: list[np.ndarray] = []
        k_groups: list[np.ndarray] = []
        unit_weights = np.ones(max((o.size for o in rows.ones if o is not None), default=0))
        c: dict[int, dict[int, np.ndarray]] = {}  # domain set -> numeric item -> Σ w·y² per domain
        for j, y in enumerate(rows.y):
            ones = rows.ones[j]
            if y is None:
                assert ones is not None
                # a 0/1 item answered "yes" by few: sum over those rows only. Leaving out terms w·0 = +0
                # changes no sum; Σ y is a count, exact in any order
                yes_groups = group_of_row.take(ones)
                a.append(np.bincount(yes_groups, weights=w.take(ones), minlength=n_groups))
                if rows.group_counts:
                    k_groups.append(
                        np.bincount(yes_groups, weights=unit_weights[: ones.size], minlength=n_groups)
                    )
                continue
            np.multiply(w, y, out=product)
            a.append(to_group(product))
            if rows.group_counts:
                k_groups.append(to_group(y))
            if rows.numeric[j]:
                np.multiply(product, y, out=square)
                for i, table in enumerate(rows_to_domains([square])):
                    c.setdefault(i, {})[j] = table[:, 0]
        b = [to_group(np.multiply(w, m, out=product)) for m in rows.m]
        k: list[np.ndarray | None] = [None] * len(sets)
        if rows.with_k:  # Σ y per domain: a count of the 1-rows for a 0/1 item (exact in any order)
            k = [np.empty((n_domains, len(rows.y))) for _, n_domains in row_domains]
            for j, y in enumerate(rows.y):
                yes_rows = rows.ones[j]
                for (d_row, n_domains), k_table in zip(row_domains, k, strict=True):
                    assert k_table is not None
                    if yes_rows is not None:
                        k_table[:, j] = np.bincount(d_row.take(yes_rows), minlength=n_domains)
                    else:
                        k_table[:, j] = np.bincount(d_row, weights=y, minlength=n_domains)
        n = count_to_domains(rows.m)
        if rows.positive is not None:
            positive = rows.positive
            nz = count_to_domains([np.logical_and(m, positive) for m in rows.m])
        else:
            nz = n
        totals = {by: DomainTotals(k=k[i], c=c.get(i, {}), n=n[i], nz=nz[i]) for i, by in enumerate(sets)}
        return GroupSums(
            block=groups // n_values,
            first_row=first_row,
            a=tuple(a),
            b=tuple(b),
            totals=totals,
            k=tuple(k_groups) if rows.group_counts else (),
            n=tuple(to_group(m) for m in rows.m) if rows.group_counts else (),
        )
