"""Disclosure control over linked tables: a suppressed cell may not be recoverable from what is published.

The result table holds every domain type of a wave, and the domain types are linked: the school × grade cells
of one school add up to the school, the grades to the municipality, and so on (the margins every domain type
declares in :mod:`kansrijk.analysis.domains`). Protecting each domain type on its own is not enough — a
reader who knows the school's figure and all but one of its grades gets the last grade by subtraction.

**Attacker.** The reader knows, for every cell, its weighted size ``W`` exactly (enrolment is public and the
weights follow from it; conservative) and, for every published cell, the estimate as published: a proportion
to 0.1 point, a mean to 0.1 unit (:data:`STEP`, the rounding of :mod:`kansrijk.analysis.public`). The
weighted number of pupils with the answer, ``Y = p · W``, is additive along every margin:
``Y(parent) = Σ Y(children) + Y(rest)``, where the rest (pupils in no child cell: gender unknown, no school
type) is never published. For a suppressed cell ``i`` the reader can at best solve the two linear programmes
``min Y_i`` and ``max Y_i`` over all margins at once, with ``Y`` of a published cell within its rounding
interval, ``0 ≤ Y ≤ W`` for a suppressed cell or a rest (proportions; means are unbounded). This is the
"interval / LP" audit of Hundepool et al., *Statistical Disclosure Control* (Wiley 2012, §5.5), as τ-ARGUS
does it; solved with HiGHS (:mod:`highspy`), one solver instance per indicator kept warm between the
programmes: the matrix never changes, only the objective (which cell) and the bounds (which cells are
hidden), so each programme starts from the previous basis. Through :func:`scipy.optimize.linprog` every
programme was built, checked and solved from scratch — 97 % of a small municipality's analysis time.

**Protection level.** A primary-suppressed proportion cell is *protected* when the range of its count, in
pupils (``(max − min) / (W_i / n_i)``), is at least ``2 × min_count`` wide — the count is not pinned down to
within ± the minimum count — or at least as wide as its own ``n`` when the cell has fewer than
``2 × min_count`` respondents (then the reader learns nothing the cell's size did not already say). A
suppressed mean is protected when the programmes are unbounded. Otherwise it is *recoverable*.

**Complements.** While a primary cell is recoverable, one more published cell linked to it is suppressed
(``complementary``): of the published cells sharing a margin with it or with a suppressed cell it is linked
to, the smallest weighted size first that makes it protected; if no single cell does, the one that widens
its range most. This repeats to a fixpoint over all margins. Complements themselves need no protection: they
are suppressed only to hide a primary cell. A cell whose count the rounding of the published figures already
leaves uncertain (gender "x" next to the municipality, boys and girls) takes no complement at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np
import polars as pl
from scipy.sparse import csr_matrix

from kansrijk.analysis.disclosure import DisclosureRules

#: The published precision the attacker sees: a proportion to 0.1 point, a mean to 0.1 unit.
STEP = {"percentage": 0.001, "mean": 0.1}

#: Columns a suppressed row loses (the result table's names).
HIDDEN = ("estimate", "se", "ci_low", "ci_high", "deff", "rse", "weighted_n", "n_yes")


def _fmt(x: float) -> str:
    return f"{x:g}"


def primary(table: pl.DataFrame, rules: DisclosureRules) -> pl.DataFrame:
    """The primary reasons (joined with ``;``) in ``suppressed``, for a table in result-table columns."""
    few = (pl.col("n_yes") < rules.min_count) | ((pl.col("n") - pl.col("n_yes")) < rules.min_count)
    reasons = [
        pl.when(pl.col("n") < rules.min_n).then(pl.lit(f"n<{rules.min_n}")),
        pl.when((pl.col("unit") == "percentage") & few.fill_null(False)).then(
            pl.lit(f"count<{rules.min_count}")
        ),
        pl.when(pl.col("rse").fill_null(0.0) > rules.rse_suppress).then(
            pl.lit(f"rse>{_fmt(rules.rse_suppress)}")
        ),
    ]
    joined = pl.concat_str(reasons, separator=";", ignore_nulls=True)
    return table.with_columns(pl.when(joined == "").then(None).otherwise(joined).alias("suppressed"))


class _Programme:
    """The attacker's linear programme ``A · x = 0``, ``lower ≤ x ≤ upper`` in one warm HiGHS instance.

    Only what changed since the last solve is passed on: the bounds of cells hidden since, and the one
    objective coefficient. HiGHS then re-optimises from its current basis (a few simplex iterations)
    instead of presolving and solving anew.
    """

    def __init__(self, matrix: csr_matrix, bounds: np.ndarray) -> None:
        csc = matrix.tocsc()
        rows, cols = matrix.shape
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = cols, rows
        lp.col_cost_ = np.zeros(cols)
        lp.col_lower_, lp.col_upper_ = bounds[:, 0].copy(), bounds[:, 1].copy()
        lp.row_lower_ = lp.row_upper_ = np.zeros(rows)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = csc.indptr, csc.indices, csc.data
        self._highs = highspy.Highs()
        self._highs.setOptionValue("output_flag", False)
        self._highs.passModel(lp)
        self._lower, self._upper = bounds[:, 0].copy(), bounds[:, 1].copy()
        self._costed: int | None = None

    def bound(self, bounds: np.ndarray) -> None:
        lower, upper = bounds[:, 0], bounds[:, 1]
        changed = np.flatnonzero((lower != self._lower) | (upper != self._upper))
        if changed.size:
            self._highs.changeColsBounds(
                changed.size, changed.astype(np.int32), lower[changed], upper[changed]
            )
            self._lower, self._upper = lower.copy(), upper.copy()

    def minimise(self, i: int, sign: float, cold: bool = False) -> tuple[float, np.ndarray] | None:
        """``min sign · x_i`` and the row duals; None when unbounded or infeasible (by rounding noise).

        The optimum is the same from any start, the duals are not: where the programme is degenerate,
        another basis binds other margins. ``cold`` solves from scratch, so the duals — which choose the
        complement — do not depend on the order earlier programmes were solved in.
        """
        if self._costed is not None and self._costed != i:
            self._highs.changeColCost(self._costed, 0.0)
        self._highs.changeColCost(i, sign)
        self._costed = i
        if cold:
            self._highs.clearSolver()
        self._highs.run()
        optimal = highspy.HighsModelStatus.kOptimal
        if self._highs.getModelStatus() != optimal and not cold:
            # only a cold solve may declare a programme unbounded or infeasible: a warm start that ends
            # anywhere else must not count as "not pinned down" and leave a cell unprotected
            self._highs.clearSolver()
            self._highs.run()
        if self._highs.getModelStatus() != optimal:
            return None
        return self._highs.getInfo().objective_function_value, np.asarray(self._highs.getSolution().row_dual)


@dataclass
class LinkedProblem:
    """The margins of one indicator as a linear system ``A · [Y, rest] = 0``."""

    keys: list[tuple[str, str]]
    weight: np.ndarray  # W per cell
    n: np.ndarray
    estimate: np.ndarray
    bounded: bool  # proportions: 0 ≤ Y ≤ W
    step: float
    groups: list[list[int]]  # per margin group: [parent, *children]
    rests: np.ndarray  # W of each group's rest (0: none)
    matrix: csr_matrix
    _programme: _Programme | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def build(
        cls, cells: pl.DataFrame, groups: Sequence[tuple[tuple[str, str], list[tuple[str, str]]]]
    ) -> LinkedProblem:
        keys = list(zip(cells["domain_type"].to_list(), cells["domain"].to_list(), strict=True))
        index = {k: i for i, k in enumerate(keys)}
        weight = cells["weighted_n"].fill_null(0.0).to_numpy().astype(float)
        members: list[list[int]] = []
        rests: list[float] = []
        for parent, children in groups:
            p = index.get(parent)
            kids = [index[c] for c in children if c in index]
            if p is None or not kids:
                continue
            rest = weight[p] - weight[kids].sum()
            members.append([p, *kids])
            rests.append(rest if rest > 1e-9 * max(1.0, weight[p]) else 0.0)
        rows, cols, vals = [], [], []
        for g, (p, *kids) in enumerate(members):
            rows += [g] * (len(kids) + 2)
            cols += [p, *kids, len(keys) + g]
            vals += [1.0] + [-1.0] * len(kids) + [-1.0]
        matrix = csr_matrix((vals, (rows, cols)), shape=(len(members), len(keys) + len(members)))
        unit = cells["unit"][0]
        return cls(
            keys=keys,
            weight=weight,
            n=cells["n"].fill_null(0).to_numpy().astype(float),
            estimate=cells["estimate"].fill_null(0.0).to_numpy().astype(float),
            bounded=unit == "percentage",
            step=STEP.get(unit, 0.1),
            groups=members,
            rests=np.array(rests, dtype=float),
            matrix=matrix,
        )

    def bounds(self, hidden: np.ndarray) -> np.ndarray:
        """Per variable ``[low, high]``: a published cell within its rounding, a hidden one anywhere."""
        half = self.step / 2
        shown = np.round(self.estimate / self.step) * self.step
        lo, hi = (shown - half) * self.weight, (shown + half) * self.weight
        if self.bounded:
            lo, hi = np.maximum(0.0, lo), np.minimum(self.weight, hi)
            lo = np.where(hidden, 0.0, lo)
            hi = np.where(hidden, self.weight, hi)
            rest_lo, rest_hi = np.zeros_like(self.rests), self.rests
        else:
            lo = np.where(hidden, -np.inf, lo)
            hi = np.where(hidden, np.inf, hi)
            rest_lo = np.where(self.rests > 0, -np.inf, 0.0)
            rest_hi = np.where(self.rests > 0, np.inf, 0.0)
        return np.column_stack([np.concatenate([lo, rest_lo]), np.concatenate([hi, rest_hi])])

    def width(self, i: int, hidden: np.ndarray) -> float:
        """How wide the range of cell ``i``'s count is, in pupils (``inf`` when unbounded)."""
        return self.solve(i, hidden, need=-np.inf)[0]

    def solve(self, i: int, hidden: np.ndarray, need: float = np.inf) -> tuple[float, set[int]]:
        """The width of cell ``i``'s range and, when it is narrower than ``need``, the margin groups that
        bind it (nonzero dual value), from which a complement is chosen."""
        if not self.groups:
            return float("inf"), set()
        bounds = self.bounds(hidden)
        if self._programme is None:
            self._programme = _Programme(self.matrix, bounds)
        else:
            self._programme.bound(bounds)
        ends = []
        for sign in (1.0, -1.0):
            solved = self._programme.minimise(i, sign)
            if solved is None:  # unbounded (a mean), or infeasible by rounding noise: not pinned down
                return float("inf"), set()
            ends.append(sign * solved[0])
        mean_weight = self.weight[i] / self.n[i] if self.n[i] > 0 else 1.0
        width = max(0.0, ends[1] - ends[0]) / (mean_weight or 1.0)
        binding: set[int] = set()
        if width < need:
            for sign in (1.0, -1.0):
                solved = self._programme.minimise(i, sign, cold=True)
                if solved is not None:
                    binding |= {int(g) for g in np.flatnonzero(np.abs(solved[1]) > 1e-9)}
        return width, binding

    def required(self, i: int, min_count: int) -> float:
        """The width that protects cell ``i`` (see the module docstring); a mean needs an unbounded range."""
        if not self.bounded:
            return float("inf")
        return min(2.0 * min_count, self.n[i]) * 0.999

    def linked(self, i: int) -> set[int]:
        return {j for g in self.groups if i in g for j in g if j != i}


def protect_indicator(problem: LinkedProblem, primary_rows: np.ndarray, min_count: int) -> np.ndarray:
    """Complementary suppression to a fixpoint for one indicator; returns the complements' mask.

    A recoverable cell is pinned by the margin groups whose constraint binds in the attacker's programmes
    (nonzero dual value); the smallest published cell of those groups is suppressed, and the cell is checked
    again, until no primary cell is recoverable.
    """
    hidden = primary_rows.copy()
    order = sorted(
        (int(i) for i in np.flatnonzero(primary_rows)), key=lambda i: (problem.weight[i], problem.keys[i])
    )
    settled: set[int] = set()  # protected: hiding more only widens a range, so it stays protected
    changed = True
    while changed:
        changed = False
        for i in order:
            if i in settled:
                continue
            need = problem.required(i, min_count)
            while True:
                width, binding = problem.solve(i, hidden, need)
                if width >= need:
                    settled.add(i)
                    break
                own = {g for g, members in enumerate(problem.groups) if i in members}
                pool = []
                for groups in (binding, own):
                    pool = [
                        j
                        for g in groups
                        for j in problem.groups[g]
                        if not hidden[j] and problem.keys[j][0] != "total"
                    ]
                    if pool:
                        break
                if not pool:
                    break  # nothing left to hide around it; `recoverable()` reports it
                hidden[min(pool, key=lambda j: (problem.weight[j], problem.keys[j]))] = True
                changed = True
    return hidden & ~primary_rows


def margin_groups(links: pl.DataFrame) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
    """The declared links as margin groups: (parent cell, its child cells of one domain type)."""
    out = []
    for (ptype, parent, ctype), part in links.group_by(
        ["parent_type", "parent", "child_type"], maintain_order=True
    ):
        children = [(str(ctype), str(c)) for c in part["child"].to_list()]
        out.append(((str(ptype), str(parent)), children))
    return out


def protect(table: pl.DataFrame, links: pl.DataFrame, rules: DisclosureRules | None = None) -> pl.DataFrame:
    """Primary and complementary suppression over linked tables, reliability flags, withheld numbers nulled.

    ``table`` has the result table's columns (``indicator, unit, domain_type, domain, estimate, n, n_yes,
    weighted_n, rse``) for every domain type of the wave; ``links`` comes from
    :func:`kansrijk.analysis.domains.domain_links`.
    """
    r = rules or DisclosureRules()
    t = primary(table, r).with_row_index("__row")
    groups = margin_groups(links)
    complements: list[int] = []
    for _key, cells in t.group_by("indicator", maintain_order=True):
        problem = LinkedProblem.build(cells, groups)
        mask = cells["suppressed"].is_not_null().to_numpy()
        if not mask.any():
            continue
        extra = protect_indicator(problem, mask, r.min_count)
        complements += cells["__row"].filter(pl.Series(extra)).to_list()
    t = t.with_columns(
        pl.when(pl.col("__row").is_in(complements))
        .then(pl.lit("complementary"))
        .otherwise(pl.col("suppressed"))
        .alias("suppressed")
    )
    return finish(t.drop("__row"), r)


def finish(t: pl.DataFrame, rules: DisclosureRules) -> pl.DataFrame:
    """Reliability of published cells; a suppressed cell loses every number but ``n``."""
    hidden = pl.col("suppressed").is_not_null()
    return t.with_columns(
        pl.when(hidden)
        .then(None)
        .when(pl.col("rse").fill_null(0.0) > rules.rse_caution)
        .then(pl.lit("caution"))
        .otherwise(pl.lit("ok"))
        .alias("reliability"),
        *[pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in HIDDEN if c in t.columns],
    )


def recoverable(
    full: pl.DataFrame, suppressed: pl.DataFrame, links: pl.DataFrame, rules: DisclosureRules | None = None
) -> pl.DataFrame:
    """The primary-suppressed cells an attacker can recover: the audit of a whole published result table.

    ``full`` holds every cell's numbers (the wave analysed without disclosure control), ``suppressed`` the
    published table's ``indicator, domain_type, domain, suppressed``. Returns one row per recoverable cell
    with the width of its count's range in pupils and the width that would protect it.
    """
    r = rules or DisclosureRules()
    keys = ["indicator", "domain_type", "domain"]
    t = full.drop("suppressed", strict=False).join(
        suppressed.select(*keys, "suppressed"), on=keys, how="left"
    )
    groups = margin_groups(links)
    out = []
    for (indicator,), cells in t.group_by("indicator", maintain_order=True):
        hidden = cells["suppressed"].is_not_null().to_numpy()
        prim = (cells["suppressed"].is_not_null() & (cells["suppressed"] != "complementary")).to_numpy()
        if not prim.any():
            continue
        problem = LinkedProblem.build(cells, groups)
        for i in (int(k) for k in np.flatnonzero(prim)):
            width, need = problem.width(i, hidden), problem.required(i, r.min_count)
            if width < need:
                dt, domain = problem.keys[i]
                out.append((indicator, dt, domain, width, need))
    schema = {"indicator": pl.String, "domain_type": pl.String, "domain": pl.String,
              "width": pl.Float64, "required": pl.Float64}  # fmt: skip
    return pl.DataFrame(out, schema=schema, orient="row")
