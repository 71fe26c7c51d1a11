"""kansrijk.synth: a synthetic municipality with realistic structure (plain library, no Django).

Entry points: :func:`generate_dataset` (what ``kansrijk synth`` runs) and :func:`demo_dataset` (the fixed
Gemeente Voorbeeld set the demo loads). Targets and their sources: :mod:`kansrijk.synth.targets`.
"""

from kansrijk.synth.dataset import DatasetResult, SynthError, demo_dataset, generate_dataset

__all__ = ["DatasetResult", "SynthError", "demo_dataset", "generate_dataset"]
