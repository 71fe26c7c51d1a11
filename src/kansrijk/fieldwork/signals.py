"""Signals other apps listen to, so fieldwork never imports them (results runs the analysis on close)."""

from django.dispatch import Signal

#: Sent once a closed wave's snapshot is written: ``sender=Wave``, ``wave``, ``actor``.
wave_frozen = Signal()
