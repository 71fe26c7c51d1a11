"""Source of the default instrument "OKO kern" as reviewable Python data; `build.py` writes the XLSForm."""
