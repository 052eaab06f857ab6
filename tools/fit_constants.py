#!/usr/bin/python3
"""Derive the constants of squash's exp core (include/squash/detail/exp_core.hpp).

Run with Debian's python3-mpmath:  /usr/bin/python3 tools/fit_constants.py

exp(x) for x <= 0 is reduced as x = k*ln2 + r, |r| <= ln2/2, and
    expm1(r) = r + r^2 * P(r),   P(r) = (e^r - 1 - r) / r^2 = 1/2 + r/6 + ...
This script prints
  * the Cody-Waite split of ln2 (hi has few enough bits that k*hi is exact
    for every k the kernels produce: |k| <= 150 for float, <= 1076 for double);
  * a near-minimax (Chebyshev) fit of P on [-R, R], R slightly above ln2/2 to
    cover the rounding of k, with the coefficients rounded to the target type
    and the absolute error of the *rounded* polynomial measured on a fine grid.
"""
import mpmath as mp

mp.mp.prec = 200
LN2 = mp.log(2)
R = mp.mpf("0.3470")  # ln2/2 = 0.34657..., plus slack for the rounding of k


def round_to(x, bits):
    """Round x to a binary float with `bits` significant bits (nearest)."""
    if x == 0:
        return mp.mpf(0)
    e = mp.floor(mp.log(abs(x), 2)) + 1 - bits
    return mp.nint(x / mp.mpf(2) ** e) * mp.mpf(2) ** e


def hexf(x, bits):
    x = round_to(x, bits)
    return float(x).hex() if bits == 53 else float(mp.mpf(x)).hex()


def P(r):
    if r == 0:
        return mp.mpf(1) / 2
    return (mp.expm1(r) - r) / (r * r)


def fit(name, mant_bits, k_bits, degree):
    hi = round_to(LN2, mant_bits - k_bits)
    lo = round_to(LN2 - hi, mant_bits)
    print(f"[{name}] ln2_hi = {hexf(hi, mant_bits)}  ({mant_bits - k_bits} bits)")
    print(f"[{name}] ln2_lo = {hexf(lo, mant_bits)}  (ln2 - hi - lo = {mp.nstr(LN2 - hi - lo, 3)})")
    print(f"[{name}] log2e  = {hexf(1 / LN2, mant_bits)}")
    coeffs, _ = mp.chebyfit(P, [-R, R], degree + 1, error=True)
    coeffs = [round_to(c, mant_bits) for c in coeffs[::-1]]  # ascending powers
    worst = mp.mpf(0)
    for i in range(4001):
        r = -R + 2 * R * i / 4000
        approx = mp.polyval(coeffs[::-1], r)
        worst = max(worst, abs(approx - P(r)))
    print(f"[{name}] P degree {degree} on [-{R}, {R}]: max |P_fit - P| = "
          f"{mp.nstr(worst, 3)} = 2^{mp.nstr(mp.log(worst, 2), 4)}")
    for i, c in enumerate(coeffs):
        print(f"[{name}]   c{i} = {hexf(c, mant_bits)}   // {mp.nstr(c, 17)}")


if __name__ == "__main__":
    for d in (4, 5, 6):
        fit("float", 24, 8, d)
    for d in (8, 9, 10):
        fit("double", 53, 11, d)
