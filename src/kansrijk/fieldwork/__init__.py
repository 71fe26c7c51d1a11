"""Instrument versions, waves, classes, session codes, the anonymous respondent flow, the live monitor."""
