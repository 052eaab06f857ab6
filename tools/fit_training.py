#!/usr/bin/python3
"""Derive the constants of squash's training functions:
include/squash/detail/log1p_core.hpp and include/squash/silu.hpp.

Run with Debian's python3-mpmath:  /usr/bin/python3 tools/fit_training.py

1. log1p(e) for e in (0, 1], the core of softplus and log_sigmoid, is reduced
   to g in [sqrt(1/2) - 1, sqrt(2) - 1] (g = e, or g = (e - 1)/2 with ln 2
   added) and computed as
       log1p(g) = 2 atanh(s) = 2 s + 2 s^3 Q(s^2),   s = g / (2 + g),
   |s| <= (sqrt(2) - 1) / (sqrt(2) + 1) = 3 - 2 sqrt(2) = 0.1716, so
   w = s^2 <= 0.02944 and Q(w) = (atanh(s) - s) / s^3 = 1/3 + w/5 + w^2/7 + ...
   The script fits Q on [0, W] (Chebyshev interpolation in w, near minimax),
   rounds the coefficients to double, and measures the relative error of the
   rounded polynomial on a fine grid, for the degrees the two paths need:
   float via double (Q to ~2^-40: 2 s^3 Q is at most 0.0099 of the result,
   so 2^-40 in Q is below 2^-46 in log1p) and double via double words (Q
   to ~2^-58).

2. silu_grad's zero. silu'(z) = sigma(z) (1 + z sigma(-z)) has one real zero
   z0, where 1 + z0 + e^z0 = 0: z0 = -1 - W(1/e) (Lambert W). Near it the
   kernels write, with d = z - z0 and c = e^z0 = -(1 + z0) = W(1/e),
       N(z) = 1 + z + e^z = d + c expm1(d) = (1 + c) d + c d^2 P(d),
   P(d) = (e^d - 1 - d) / d^2 (the exp core's polynomial), 1 + c = -z0.
   The script prints z0 as a sum of three doubles (d must be exact to
   2^-160 for the double kernel, whose nearest inputs to z0 are ~2^-56
   away), -z0 as a double word, c, and the distance of the floats and
   doubles nearest to z0 (how small |N| gets).
"""
import mpmath as mp

mp.mp.prec = 300


def round_to(x, bits=53):
    """x rounded to nearest with `bits` significant bits."""
    if x == 0:
        return mp.mpf(0)
    e = mp.floor(mp.log(abs(x), 2)) + 1 - bits
    return mp.nint(x / mp.mpf(2) ** e) * mp.mpf(2) ** e


def hexd(x):
    return float(round_to(x)).hex()


def split(x, parts):
    """x as a sum of `parts` doubles, each the rounding of what is left."""
    out = []
    for _ in range(parts):
        h = round_to(x)
        out.append(h)
        x -= h
    return out, x


def Q(w):
    if w == 0:
        return mp.mpf(1) / 3
    s = mp.sqrt(w)
    return (mp.atanh(s) - s) / (s ** 3)


def fit_Q(degree, W):
    # Chebyshev interpolation of Q on [0, W] at degree + 1 Chebyshev nodes,
    # converted to monomial coefficients in w.
    n = degree + 1
    nodes = [W / 2 * (1 + mp.cos(mp.pi * (2 * k + 1) / (2 * n))) for k in range(n)]
    values = [Q(w) for w in nodes]
    # Solve the Vandermonde system exactly (300 bits is plenty at degree <= 12).
    A = mp.matrix([[w ** j for j in range(n)] for w in nodes])
    coeffs = mp.lu_solve(A, mp.matrix(values))
    coeffs = [round_to(c) for c in coeffs]
    worst = mp.mpf(0)
    for i in range(2001):
        w = W * i / 2000
        approx = mp.polyval(coeffs[::-1], w)
        worst = max(worst, abs(approx / Q(w) - 1))
    return coeffs, worst


def main():
    sqrt2 = mp.sqrt(2)
    threshold = round_to(sqrt2 - 1)
    s_max = threshold / (2 + threshold)
    g_low = (threshold - 1) / 2  # the other side's most negative g
    s_min = g_low / (2 + g_low)
    W = max(s_max, -s_min) ** 2
    W = W * (1 + mp.mpf(2) ** -20)  # rounding slack of s
    print(f"[log1p] reduction threshold e > {hexd(threshold)} (sqrt(2) - 1 = {mp.nstr(sqrt2 - 1, 17)})")
    print(f"[log1p] s in [{mp.nstr(s_min, 8)}, {mp.nstr(s_max, 8)}], w = s^2 <= {mp.nstr(W, 8)}")
    ln2 = mp.log(2)
    (ln2_hi, ln2_lo), rest = split(ln2, 2)
    print(f"[log1p] ln2 = {hexd(ln2_hi)} + {hexd(ln2_lo)}  (rest {mp.nstr(rest, 3)})")
    for degree in (3, 4, 5, 6, 7, 8):
        coeffs, worst = fit_Q(degree, W)
        print(f"[log1p] Q degree {degree}: max relative error {mp.nstr(worst, 3)} = 2^{mp.nstr(mp.log(worst, 2), 4)}")
        print("        {" + ", ".join(hexd(c) for c in coeffs) + "}")

    c = mp.lambertw(mp.exp(-1)).real
    z0 = -1 - c
    assert abs(1 + z0 + mp.exp(z0)) < mp.mpf(2) ** -280
    (z1, z2, z3), rest = split(z0, 3)
    print(f"[silu_grad] z0 = -1 - W(1/e) = {mp.nstr(z0, 25)}")
    print(f"[silu_grad] z0 = {hexd(z1)} + {hexd(z2)} + {hexd(z3)}  (rest {mp.nstr(rest, 3)})")
    (m1, m2), rest = split(-z0, 2)
    print(f"[silu_grad] -z0 = 1 + c = {hexd(m1)} + {hexd(m2)}  (rest {mp.nstr(rest, 3)})")
    print(f"[silu_grad] c = e^z0 = W(1/e) = {hexd(c)}  ({mp.nstr(c, 20)})")
    # silu''(z0): the slope of silu_grad at its zero, sigma'(z0) (2 + z0 (1 - 2 sigma(z0)))
    sig = 1 / (1 + mp.exp(-z0))
    slope = sig * (1 - sig) * (2 + z0 * (1 - 2 * sig))
    print(f"[silu_grad] slope of silu_grad at z0: {mp.nstr(slope, 10)}")
    for name, bits in (("float", 24), ("double", 53)):
        # the representable values nearest z0 (z0 in [-2, -1): spacing 2^(1 - bits))
        spacing = mp.mpf(2) ** (1 - bits)
        below = mp.floor(z0 / spacing) * spacing
        above = below + spacing
        d = min(abs(z0 - below), abs(z0 - above))
        print(f"[silu_grad] {name}: nearest to z0 at distance {mp.nstr(d, 5)} = 2^{mp.nstr(mp.log(d, 2), 5)}"
              f" (spacing 2^{1 - bits}); |silu_grad| there ~ {mp.nstr(d * slope, 4)}")


if __name__ == "__main__":
    main()
