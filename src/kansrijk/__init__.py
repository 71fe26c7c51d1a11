"""Kansrijk: the Icelandic Prevention Model (OKO) and Kinderen op de Kaart for a Dutch municipality."""

__version__ = "0.1.0"
