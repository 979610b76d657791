"""Force unit conversion (design.md: 1 kgf = 9.80665 N, 1 lbf = 4.4482216 N)."""

from __future__ import annotations

import math

import pytest

from desktop.clinical.units import body_weight_n, cm_to_m, from_newtons, to_newtons


def test_kgf_to_newtons() -> None:
    # 10 kgf x 9.80665 N/kgf = 98.0665 N
    assert to_newtons(10, "kgf") == pytest.approx(98.0665, abs=1e-12)


def test_lbf_to_newtons() -> None:
    # 25 lbf x 4.4482216 N/lbf = 111.20554 N
    assert to_newtons(25, "lbf") == pytest.approx(111.20554, abs=1e-9)


def test_newtons_unchanged() -> None:
    assert to_newtons(158.0, "N") == 158.0


def test_from_newtons() -> None:
    # 98.0665 N / 9.80665 = 10 kgf; 44.482216 N / 4.4482216 = 10 lbf
    assert from_newtons(98.0665, "kgf") == pytest.approx(10.0)
    assert from_newtons(44.482216, "lbf") == pytest.approx(10.0)


def test_unknown_unit_rejected() -> None:
    with pytest.raises(ValueError, match="unknown force unit"):
        to_newtons(10, "kg")


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        to_newtons(bad, "N")


def test_body_weight_and_length() -> None:
    # 68 kg x 9.80665 m/s2 = 666.8522 N; 80 cm = 0.8 m
    assert body_weight_n(68) == pytest.approx(666.8522)
    assert cm_to_m(80) == pytest.approx(0.8)
    with pytest.raises(ValueError, match="positive"):
        body_weight_n(0)
