"""Closing a wave starts its analysis: fieldwork announces the snapshot, results queues the run."""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver

from kansrijk.fieldwork.signals import wave_frozen

logger = logging.getLogger(__name__)


@receiver(wave_frozen, dispatch_uid="kansrijk.results.analyse_on_close")
def analyse_on_close(sender: Any, wave: Any, actor: Any = None, **kwargs: Any) -> None:
    """Queue the analysis of a freshly frozen wave; a failure to queue never undoes the close."""
    from .services import ResultsError, analyse_wave

    try:
        analyse_wave(actor, wave, background=True)
    except ResultsError as exc:
        logger.warning("analysis of wave %s not started: %s", wave.pk, exc)
