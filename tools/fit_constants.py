#!/usr/bin/python3
"""Derive the constants of squash's exponentials: the exp core
(include/squash/detail/exp_core.hpp) and the float functions' wide_exp
(detail/wide_exp.hpp, section "wide_exp").

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
import struct

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


def chebyshev(f, R, terms, mant_bits=53):
    """A near-minimax (Chebyshev) fit of f on [-R, R], coefficients rounded to
    mant_bits, in ascending powers."""
    coeffs, _ = mp.chebyfit(f, [-R, R], terms, error=True)
    return [round_to(c, mant_bits) for c in coeffs[::-1]]


def worst_on(error, R):
    """max |error(r)| on a grid of 4001 points of [-R, R]."""
    return max(abs(error(r)) for r in (-R + 2 * R * i / 4000 for i in range(4001)))


def fit(name, mant_bits, k_bits, degree):
    hi = round_to(LN2, mant_bits - k_bits)
    lo = round_to(LN2 - hi, mant_bits)
    print(f"[{name}] ln2_hi = {hexf(hi, mant_bits)}  ({mant_bits - k_bits} bits)")
    print(f"[{name}] ln2_lo = {hexf(lo, mant_bits)}  (ln2 - hi - lo = {mp.nstr(LN2 - hi - lo, 3)})")
    print(f"[{name}] log2e  = {hexf(1 / LN2, mant_bits)}")
    coeffs = chebyshev(P, R, degree + 1, mant_bits)
    worst = worst_on(lambda r: mp.polyval(coeffs[::-1], r) - P(r), R)
    print(f"[{name}] P degree {degree} on [-{R}, {R}]: max |P_fit - P| = "
          f"{mp.nstr(worst, 3)} = 2^{mp.nstr(mp.log(worst, 2), 4)}")
    for i, c in enumerate(coeffs):
        print(f"[{name}]   c{i} = {hexf(c, mant_bits)}   // {mp.nstr(c, 17)}")


def expm1_over_r(r):
    return mp.mpf(1) if r == 0 else mp.expm1(r) / r


def fit_wide_exp():
    """wide_exp: x = n ln2/N + r, e^r - 1 = r Q(r), Q fitted on |r| <= 1.001 ln2/(2N);
    N = 16 (table_bits 4) with a table of bits(2^(j/16)) - (j << 48), N = 1 without."""
    for table_bits, counts in ((4, (5, 6)), (0, (10,))):
        N = 2 ** table_bits
        c = LN2 / N
        hi = round_to(c, 40)
        print(f"[wide_exp {table_bits}] n_per_ln2 = {hexf(N / LN2, 53)}  ln2_per_n = {hexf(c, 53)}")
        print(f"[wide_exp {table_bits}] ln2_per_n_hi = {hexf(hi, 53)}  ln2_per_n_lo = {hexf(c - hi, 53)}")
        R = c / 2 * mp.mpf("1.001")
        for terms in counts:
            q = chebyshev(expm1_over_r, R, terms)
            value = worst_on(lambda r: (1 + r * mp.polyval(q[::-1], r)) / mp.exp(r) - 1, R)
            minus_one = worst_on(lambda r: (r * mp.polyval(q[::-1], r) - mp.expm1(r)) / mp.expm1(r) if r else 0, R)
            print(f"[wide_exp {table_bits}] {terms} terms: 2^{mp.nstr(mp.log(value, 2), 4)} relative to e^r, "
                  f"2^{mp.nstr(mp.log(minus_one, 2), 4)} to e^r - 1")
            print(f"[wide_exp {table_bits}]   " + ", ".join(hexf(x, 53) for x in q))
        if table_bits:
            entries = []
            for j in range(N):
                b = struct.unpack("<q", struct.pack("<d", float(mp.mpf(2) ** (mp.mpf(j) / N))))[0] - (j << 48)
                entries.append("0x%016x" % b)
            print(f"[wide_exp {table_bits}] table = {', '.join(entries)}")


if __name__ == "__main__":
    for d in (4, 5, 6):
        fit("float", 24, 8, d)
    for d in (8, 9, 10):
        fit("double", 53, 11, d)
    fit_wide_exp()
