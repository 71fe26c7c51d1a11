"""Named, independent random streams derived from one seed.

Each part of the generator draws from its own stream (``rng_for(seed, "schools")``), so that adding a draw
in one part never shifts the numbers of another, and the same seed always gives the same output.
"""

from __future__ import annotations

import zlib

import numpy as np


def rng_for(seed: int, *keys: str | int) -> np.random.Generator:
    """A generator for the stream named by ``keys`` under ``seed`` (stable across runs and platforms)."""
    words = [zlib.crc32(str(k).encode("utf-8")) for k in keys]
    return np.random.default_rng(np.random.SeedSequence([int(seed) & 0xFFFFFFFF, *words]))
