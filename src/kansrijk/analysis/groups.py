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

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from kansrijk.analysis import kernels
from kansrijk.analysis.resolve import (
    DENSE_SPAN,
    ResolvedDesign,
    Scratch,
    column_codes,
    dense_inverse,
    parallel_map,
)

#: A 0/1 item is summed over its 1-rows only when at most this share of the rows are 1.
SPARSE_SHARE = 0.5
#: A numeric item is tested for 0/1 values on this many first rows before the whole column is.
PROBE = 4096
_NO_ROWS = np.zeros(0, dtype=np.int64)


def _zero_one(head: np.ndarray, values: np.ndarray | Masked) -> bool:
    """Whether the first rows `head` of a numeric item hold only 0 and 1 (its missing rows excepted)."""
    ok = (head == 0) | (head == 1)
    if isinstance(values, Masked):
        ok[values.missing[values.missing < head.size]] = True
    return bool(np.all(ok))


@dataclass(frozen=True)
class Masked:
    """A numeric column as read (values under a missing row arbitrary) and its missing rows: y is `values`
    with 0 at `missing`. Products are formed from it in scratch columns (w·y = w·values, then 0 at the few
    missing rows: the same numbers as w·y), so y itself — a fresh million-row copy per item, whose page
    faults cost more than the sums — is never written."""

    values: np.ndarray
    missing: np.ndarray

    def times(self, factor: np.ndarray, out: np.ndarray) -> np.ndarray:
        """factor · y into `out` (a missing row gets +0, as factor · 0 does for a finite factor ≥ 0)."""
        with np.errstate(invalid="ignore", over="ignore"):
            np.multiply(factor, self.values, out=out)
        out[self.missing] = 0.0
        return out

    def dense(self, out: np.ndarray) -> np.ndarray:
        """y into `out`."""
        np.copyto(out, self.values)
        out[self.missing] = 0.0
        return out


@dataclass(frozen=True)
class RowQuantities:
    """The per-row inputs of the group sums: weights, item values and each variable's missing rows.

    Validity is held as the missing rows (a few percent) rather than a row mask: the sums over valid rows
    are the sums over all rows less those over the missing ones, and what is not allocated per call is not
    paid for in page faults (see `GroupIndex`)."""

    weights: np.ndarray
    y: tuple[np.ndarray | Masked | None, ...]  # per item: y (None for a 0/1 item held by its 1-rows, `ones`)
    numeric: tuple[bool, ...]  # per item: also Σ w·y² (y can be other than 0/1)
    zero_rows: np.ndarray | None  # the rows with w = 0, when there are any (else n_{w > 0} is n)
    with_k: bool  # Σ y is needed (proportions: n_level; raking: the residual sweep)
    group_counts: bool  # keep Σ y and Σ 1[valid] per group (raking's residual sweep needs them)
    ones: tuple[np.ndarray | None, ...]  # per item: the rows where a 0/1 item is 1, when they are few
    missing: tuple[np.ndarray, ...]  # per variable: its missing rows (sorted)
    missing_weights: tuple[np.ndarray, ...]  # per variable: the weights of those rows (read once per table)


def row_quantities(
    weights: np.ndarray,
    y: Sequence[np.ndarray | Masked],
    numeric: Sequence[bool],
    missing: Sequence[np.ndarray],
    *,
    with_k: bool = True,
    group_counts: bool = False,
) -> RowQuantities:
    """The rows' quantities; `y` per item: y (0 where missing) or a `Masked` column; `missing` per variable:
    its missing rows, sorted."""
    zero_rows = np.flatnonzero(weights == 0)

    def held(item: tuple[np.ndarray | Masked, bool]) -> tuple[np.ndarray | None, np.ndarray | Masked | None]:
        """An item as (its 1-rows, None) when it is 0/1 and few are 1, else (None, y).

        A numeric item whose values are all 0 or 1 (a 0/1 indicator estimated as a mean) is held the same
        way: over its 1-rows, w·y = w and w·y² = w, and the rows left out add w·0 = +0, so its sums are
        those of the full products to the last bit, from a quarter of the rows."""
        values, is_numeric = item
        x = values.values if isinstance(values, Masked) else values
        if is_numeric and not _zero_one(x[: min(x.size, PROBE)], values):
            return None, values  # a scale (the first rows already say so: no pass over the column)
        gaps = values.missing if isinstance(values, Masked) else _NO_ROWS
        few, rows = kernels.one_rows(x, gaps, is_numeric, int(SPARSE_SHARE * x.size))
        return (rows, None) if few else (None, values)

    per_item = parallel_map(held, list(zip(y, numeric, strict=True)))
    ones = [o for o, _ in per_item]
    kept = [v for _, v in per_item]
    return RowQuantities(
        weights,
        tuple(kept),
        tuple(numeric),
        zero_rows if zero_rows.size else None,
        with_k,
        group_counts,
        tuple(ones),
        tuple(missing),
        tuple(weights.take(g) for g in missing),
    )


@dataclass(frozen=True)
class DomainTotals:
    """The sums that are only needed per domain, for one domain set (domains × items or variables)."""

    k: np.ndarray | None  # Σ y per item (None when not needed)
    c: dict[int, np.ndarray]  # numeric item -> Σ w·y² per domain
    n: np.ndarray  # Σ 1[valid] per variable
    nz: np.ndarray  # Σ 1[valid, w > 0] per variable (the same array as n without zero weights)


class GroupSums:
    """Sums per group of one split; groups ordered by (unit, cell), then by the split's own columns.

    Only the sums the variance needs per group are formed per group (`a`: Σ w·y per item, `b`: Σ w·1[valid]
    per variable); the others go straight to `totals` of each domain set of the split — through the same
    group sums, so in the same order — without keeping a groups-long array per item (on a fine split those
    would be gigabytes). A split shared by several domain sets keeps `a` and `b` (formed once); a split of
    one set forms them item by item when asked and keeps none: on a fine split (wijk: a group per pupil,
    nearly) 80 kept arrays are half a gigabyte of fresh memory, and touching fresh memory (page faults)
    cost more than the sums themselves. Either way the numbers are the same bincounts, to the last bit.
    """

    def __init__(
        self,
        block: np.ndarray,
        first_row: np.ndarray,
        totals: dict[tuple[str, ...], DomainTotals],
        k: tuple[np.ndarray, ...],
        n: tuple[np.ndarray, ...],
        item: Callable[[int], np.ndarray],
        variable: Callable[[int], np.ndarray],
        kept: tuple[Sequence[np.ndarray], Sequence[np.ndarray]] | None,
    ) -> None:
        self.block = block  # group -> unit * n_cells + cell
        self.first_row = first_row  # group -> a row of the group (the domain of any domain set is read there)
        self.totals = totals  # per domain set of the split
        self.k = k  # per item: Σ y per group (raking only, else empty)
        self.n = n  # per variable: Σ 1[valid] per group (raking only, else empty)
        self._item, self._variable, self._kept = item, variable, kept

    def a(self, j: int) -> np.ndarray:
        """Σ w·y per group of item j (safe to call from several threads at once). Not kept, it is formed in
        the calling thread's scratch array, valid until that thread's next call (the same holds for `b`)."""
        return self._kept[0][j] if self._kept is not None else self._item(j)

    def b(self, v: int) -> np.ndarray:
        """Σ w·1[valid] per group of variable v."""
        return self._kept[1][v] if self._kept is not None else self._variable(v)


def part_codes(series: pl.Series) -> tuple[np.ndarray, int]:
    """A domain column's dense codes 0 … n − 1 and n (at least 1)."""
    part, n_part = dense_inverse(column_codes(series))
    return part, max(n_part, 1)


class GroupIndex:
    """Domain codes and group sums for the domain sets of one table, each split computed once.

    Made for one `estimate_table` call with the domain sets it will be asked for (so the sums that are only
    needed per domain can be formed for all of a split's sets in one pass); `release` frees the sums of a
    split once no later domain set needs them, so a fine split (wijk × gender) is not kept around.
    """

    def __init__(
        self,
        frame: pl.DataFrame,
        rd: ResolvedDesign,
        rows: RowQuantities,
        sets: Sequence[Sequence[str]],
        parts: dict[str, tuple[np.ndarray, int]] | None = None,
    ) -> None:
        """`parts`: columns' codes (`part_codes`) already computed."""
        self._frame = frame
        self._rows = rows
        cal = rd.calibration
        self.n_cells = cal.n_cells if cal is not None else 1
        self.block_row = rd.unit * self.n_cells + cal.cell if cal is not None else rd.unit
        n_finest = rd.stages[-1].unit_of_finest.size
        first = np.empty(n_finest, dtype=np.int64)
        first[rd.unit] = np.arange(rd.unit.size)  # a row of every unit
        self._unit_first_row = first[rd.unit]  # row -> a row of its unit
        self._parts: dict[str, tuple[np.ndarray, int]] = dict(parts or {})
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
            self._parts[name] = part_codes(self._frame[name])
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
        # number the groups in the order of their first row: when the rows come clustered (a class after
        # a class), every sum into groups then writes near the last write instead of all over a
        # groups-long array — on a fine split, the difference between a cached and an uncached pass
        low, high = (int(key.min()), int(key.max())) if key.size else (0, 0)
        if high - low + 1 <= DENSE_SPAN * key.size + 1024 and key.size < 2**31:  # (int32 table)
            group_of_row, first_row = kernels.first_seen_codes(key, low, high - low + 1)
            n_groups = first_row.size
        else:  # a key range too wide for a table: rank by sorting, then renumber by first row
            group_of_row, n_groups = dense_inverse(key)
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
        # products go through reused scratch columns (one set per thread): the same values as w * y,
        # without a fresh million-row array (and its page faults) per item and split
        scratch = Scratch(w.size)
        group_scratch = Scratch(n_groups)
        row_domains = [self.codes(by) for by in sets]
        sizes = [np.bincount(d_row, minlength=n_domains) for d_row, n_domains in row_domains]
        unit_weights = np.ones(max((o.size for o in rows.ones if o is not None), default=0))
        group_rows = np.bincount(group_of_row, minlength=n_groups) if rows.group_counts else None
        group_domains = [d_row[first_row] for d_row, _ in row_domains]  # group -> domain, per set

        # a split of several domain sets keeps its group sums; one set's split forms them when asked (even
        # a small one: kept, they were measured slower — fresh memory again)
        keep = len(sets) > 1

        def ones_weights(ones: np.ndarray) -> np.ndarray:
            """w at a 0/1 item's 1-rows, in the calling thread's scratch column (read when needed: kept,
            they were a fresh array per item and call)."""
            return np.take(w, ones, out=scratch.get("ones")[: ones.size], mode="clip")

        def per_domain(
            d_row: np.ndarray, n_d: int, column: np.ndarray, at: np.ndarray | None = None
        ) -> np.ndarray:
            """Σ column per domain, the column given at the rows `at` (default: all rows) — the bincount of
            the rows in row order. One domain (the whole population) takes the same sequential sum as a
            running sum in a scratch column: no pass over a row → domain index that is all zeros."""
            if n_d == 1:
                if not column.size:
                    return np.zeros(1)
                return np.cumsum(column, out=scratch.get("running")[: column.size])[-1:].copy()
            return np.bincount(d_row if at is None else d_row.take(at), weights=column, minlength=n_d)

        def squares(y: np.ndarray | Masked, d_row: np.ndarray, n_d: int) -> np.ndarray:
            """Σ w·y² per domain, as (w·y)·y: for a `Masked` column in one compiled pass over the rows."""
            if not isinstance(y, Masked):
                return per_domain(d_row, n_d, y * (w * y))
            if n_d == 1:
                return kernels.product_sums(kernels.ONE_BIN, w, y.values, y.missing, True, np.empty(1))
            return kernels.product_sums(d_row, w, y.values, y.missing, True, np.empty(n_d))

        def to_group(column: np.ndarray) -> np.ndarray:
            return np.bincount(group_of_row, weights=column, minlength=n_groups)

        def times(y: np.ndarray | Masked, factor: np.ndarray, out: np.ndarray) -> np.ndarray:
            return y.times(factor, out) if isinstance(y, Masked) else np.multiply(factor, y, out=out)

        def item_a(
            j: int,
            product: np.ndarray | None = None,
            yes_groups: np.ndarray | None = None,
            out: np.ndarray | None = None,
        ) -> np.ndarray:
            """Σ w·y per group of item j (`product`: w·y already in a scratch column; `yes_groups`: the
            groups of a 0/1 item's 1-rows), into `out` (default: a new array)."""
            ones, y = rows.ones[j], rows.y[j]
            out = np.empty(n_groups) if out is None else out
            if y is None:
                assert ones is not None
                # a 0/1 item answered "yes" by few: sum over those rows only. Leaving out terms w·0 = +0
                # changes no sum
                if yes_groups is None:
                    return kernels.weighted_sums_at(group_of_row, w, ones, out)
                return kernels.weighted_sums(yes_groups, ones_weights(ones), out)
            if product is not None:
                return kernels.weighted_sums(group_of_row, product, out)
            if isinstance(y, Masked):  # w·y formed on the way, not in a rows-long column
                return kernels.product_sums(group_of_row, w, y.values, y.missing, False, out)
            return to_group(times(y, w, scratch.get("product")))

        weight_total = to_group(w)  # Σ w per group

        def variable_b(v: int, out: np.ndarray | None = None) -> np.ndarray:
            """Σ w·1[valid] per group as Σ w minus Σ w over the variable's missing rows (3% of the rows
            instead of a product and a sum over all), into `out` (default: a new array). A group without
            missing rows gets Σ w itself, a group of missing rows only 0 (the same rows in the same order),
            a group with some missing rows its sum to the rounding of Σ w (see
            tests/analysis/test_groups_sums.py)."""
            if not rows.missing[v].size:
                return weight_total  # read only, as every group sum
            out = np.empty(n_groups) if out is None else out
            return kernels.valid_weight_sums(
                weight_total, group_of_row, rows.missing[v], rows.missing_weights[v], out
            )

        def item_sums(
            j: int,
        ) -> tuple[np.ndarray | None, np.ndarray | None, list[np.ndarray], list[np.ndarray]]:
            """Item j: Σ w·y per group when kept (and Σ y for raking); per domain of each set Σ w·y² (a
            numeric item, straight from the rows: a small output that stays in cache, no groups-long array
            — it only feeds the design effect) and Σ y (a count of the 1-rows for a 0/1 item: exact in any
            order)."""
            ones, y = rows.ones[j], rows.y[j]
            k_group = None
            c: list[np.ndarray] = []
            product = None
            yes_groups: np.ndarray | None = None
            dense: np.ndarray | None = None  # y itself (0 where missing), when a count needs it
            # Σ y per domain of a 0/1 item is a count (exact in any order): through the groups' counts
            # when there are fewer groups than 1-rows, else straight from the 1-rows
            k_by_group = rows.with_k and ones is not None and n_groups < ones.size
            if y is None:
                assert ones is not None
                if keep or rows.group_counts or k_by_group:
                    yes_groups = group_of_row.take(ones)
                if rows.group_counts:  # Σ y is a count, exact in any order
                    assert yes_groups is not None
                    k_group = np.bincount(yes_groups, weights=unit_weights[: ones.size], minlength=n_groups)
                if rows.numeric[j]:  # a 0/1 mean: w·y² = w on the 1-rows, +0 elsewhere
                    c = [
                        kernels.weighted_sums_at(d_row, w, ones, np.empty(n_d))
                        if n_d > 1
                        else per_domain(d_row, n_d, ones_weights(ones), ones)
                        for d_row, n_d in row_domains
                    ]
            else:
                if rows.group_counts or rows.with_k:
                    dense = y.dense(scratch.get("y")) if isinstance(y, Masked) else y
                if rows.group_counts:
                    assert dense is not None
                    k_group = to_group(dense)
                if keep:
                    product = times(y, w, scratch.get("product"))
                if rows.numeric[j]:
                    c = [squares(y, d_row, n_d) for d_row, n_d in row_domains]
            a = item_a(j, product, yes_groups) if keep else None
            k: list[np.ndarray] = []
            if rows.with_k:
                yes_per_group = None
                if k_by_group:
                    assert yes_groups is not None
                    yes_per_group = np.bincount(yes_groups, minlength=n_groups)
                for (d_row, n_d), d_group in zip(row_domains, group_domains, strict=True):
                    if yes_per_group is not None:
                        k.append(np.bincount(d_group, weights=yes_per_group, minlength=n_d))
                    elif ones is not None:
                        k.append(np.bincount(d_row.take(ones), minlength=n_d))
                    else:
                        k.append(np.bincount(d_row, weights=dense, minlength=n_d))
            return a, k_group, c, k

        def count_outside(outside: np.ndarray) -> list[np.ndarray]:
            """The rows per domain of each set less the rows `outside` (few)."""
            return [
                size_d - np.bincount(d_row.take(outside), minlength=n_d)
                for (d_row, n_d), size_d in zip(row_domains, sizes, strict=True)
            ]

        def mask_sums(
            v: int,
        ) -> tuple[np.ndarray | None, np.ndarray | None, list[np.ndarray], list[np.ndarray]]:
            """Variable v: Σ w·1[valid] per group when kept (and Σ 1[valid] for raking); Σ 1[valid] and
            Σ 1[valid, w > 0] per domain of each set (counts: the rows less the rows left out, exact)."""
            gaps = rows.missing[v]
            b = variable_b(v) if keep else None
            n_group = None
            if group_rows is not None:
                n_group = (group_rows - np.bincount(group_of_row.take(gaps), minlength=n_groups)).astype(
                    float
                )
            n_v = count_outside(gaps)
            nz_v = count_outside(np.union1d(gaps, rows.zero_rows)) if rows.zero_rows is not None else n_v
            return b, n_group, n_v, nz_v

        # every item and variable is an independent task; results come back in order (see parallel_map)
        n_items = len(rows.y)
        done = parallel_map(
            lambda task: item_sums(task) if task < n_items else mask_sums(task - n_items),
            range(n_items + len(rows.missing)),
        )
        item_done, mask_done = done[:n_items], done[n_items:]
        c: dict[int, dict[int, np.ndarray]] = {}  # domain set -> numeric item -> Σ w·y² per domain
        for j, (_, _, c_j, _) in enumerate(item_done):
            for i, table in enumerate(c_j):
                c.setdefault(i, {})[j] = table

        def per_set(columns: Sequence[list[np.ndarray]], i: int) -> np.ndarray:
            """Domain set i's table (domains × columns) of per-domain sums."""
            table = np.empty((row_domains[i][1], len(columns)))
            for j, column in enumerate(columns):
                table[:, j] = column[i]
            return table

        k: list[np.ndarray | None] = [None] * len(sets)
        if rows.with_k:
            k = [per_set([r[3] for r in item_done], i) for i in range(len(sets))]
        n = [per_set([r[2] for r in mask_done], i) for i in range(len(sets))]
        nz = (
            [per_set([r[3] for r in mask_done], i) for i in range(len(sets))]
            if rows.zero_rows is not None
            else n
        )
        totals = {by: DomainTotals(k=k[i], c=c.get(i, {}), n=n[i], nz=nz[i]) for i, by in enumerate(sets)}
        kept = None
        if keep:
            kept = (
                [r[0] for r in item_done if r[0] is not None],
                [r[0] for r in mask_done if r[0] is not None],
            )
        return GroupSums(
            block=groups // n_values,
            first_row=first_row,
            totals=totals,
            k=tuple(r[1] for r in item_done if r[1] is not None),  # raking only (else empty)
            n=tuple(r[1] for r in mask_done if r[1] is not None),
            # asked for one item at a time by the variance (see `GroupSums`): into the thread's scratch
            item=lambda j: item_a(j, out=group_scratch.get("a")),
            variable=lambda v: variable_b(v, out=group_scratch.get("b")),
            kept=kept,
        )
