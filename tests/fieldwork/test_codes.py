"""Class session codes: unambiguous alphabet, forgiving input, and the window check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from kansrijk.fieldwork.codes import display_code, is_well_formed, new_code, normalize_code
from kansrijk.fieldwork.constants import CODE_ALPHABET, CODE_LENGTH


def test_alphabet_has_no_lookalikes() -> None:
    for ch in "0O1IlL2Z5S8B":
        assert ch not in CODE_ALPHABET
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) == 21


def test_new_codes_use_only_the_alphabet_and_differ() -> None:
    codes = {new_code() for _ in range(2000)}
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert len(codes) > 1990  # 85 million possibilities: collisions in 2,000 draws are very rare


@given(st.text(alphabet=CODE_ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH))
def test_typed_variants_normalise_to_the_code(code: str) -> None:
    for typed in (code.lower(), f" {code[:3]} {code[3:]} ", f"{code[:3]}-{code[3:]}", display_code(code)):
        assert normalize_code(typed) == code
        assert is_well_formed(normalize_code(typed))


def test_malformed_codes_are_recognised() -> None:
    assert not is_well_formed("ABC12")  # too short
    assert not is_well_formed("A0CDEF")  # a zero is never part of a code
    assert display_code("KXM49P") == "KXM 49P"


@pytest.mark.django_db
def test_session_window(session) -> None:  # type: ignore[no-untyped-def]
    assert session.in_window()
    assert not session.in_window(session.ends_at + dt.timedelta(seconds=1))
    assert not session.in_window(session.starts_at - dt.timedelta(seconds=1))
    assert session.in_window(timezone.now())
