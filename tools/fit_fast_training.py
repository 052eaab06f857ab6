#!/usr/bin/python3
"""Derive the constants of the fast tier's training functions
(include/squash/fast_activations.hpp), float kernels.

Run with Debian's python3-mpmath:  /usr/bin/python3 tools/fit_fast_training.py

1. q(e) = (e - log1p(e)) / e^2 on [0, 1], so that log1p(e) = e - e (e q(e)):
   q(0) = 1/2, q(1) = 1 - ln 2. Fitted by Chebyshev interpolation, the
   coefficients rounded to float, and the relative error of the rounded
   polynomial measured on a fine grid.
2. softplus near 0: softplus(z) = ln 2 + z/2 + z^2 E(z^2), E(w) = 1/8 -
   w/192 + ... on w in [0, 1] (|z| <= 1), fitted the same way.
3. z0 = -1 - W(1/e) (silu's minimum, the zero of silu') as a sum of two
   floats, c = e^z0 = W(1/e) and 1 + c = -z0 as floats.
"""
import mpmath as mp

mp.mp.prec = 200


def round_to(x, bits):
    if x == 0:
        return mp.mpf(0)
    e = mp.floor(mp.log(abs(x), 2)) + 1 - bits
    return mp.nint(x / mp.mpf(2) ** e) * mp.mpf(2) ** e


def hexf(x):
    return float(round_to(x, 24)).hex().replace("0000000p", "p") + "f"


def chebyshev_fit(f, a, b, degree, bits):
    """Chebyshev interpolation of f on [a, b], as power-basis coefficients
    rounded to `bits` bits, and the relative error of the rounded polynomial."""
    n = degree + 1
    nodes = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
    # Solve the Vandermonde system exactly (n is small).
    M = mp.matrix([[x ** j for j in range(n)] for x in nodes])
    v = mp.matrix([f(x) for x in nodes])
    c = mp.lu_solve(M, v)
    c = [round_to(c[j], bits) for j in range(n)]
    worst = 0
    for i in range(2001):
        x = a + (b - a) * i / 2000
        p = 0
        for cj in reversed(c):
            p = p * x + cj
        worst = max(worst, abs(p / f(x) - 1))
    return c, worst


def q(e):
    if e == 0:
        return mp.mpf(1) / 2
    return (e - mp.log1p(e)) / e ** 2


def E(w):
    if w == 0:
        return mp.mpf(1) / 8
    z = mp.sqrt(w)
    return (mp.log1p(mp.exp(z)) - mp.log(2) - z / 2) / w


for name, f, a, b, degrees in (("q(e) on [0, 1]", q, 0, 1, (7, 8, 9, 10)),
                               ("E(w) on [0, 1]", E, 0, 1, (4, 5, 6))):
    print(name)
    for d in degrees:
        c, err = chebyshev_fit(f, mp.mpf(a), mp.mpf(b), d, 24)
        print(f"  degree {d}: relative error 2^{float(mp.log(err, 2)):.2f}")
        print("   ", ", ".join(hexf(x) for x in c))

print("ln2 float:", hexf(mp.log(2)), " error (ulps of ln2):", float((round_to(mp.log(2), 24) - mp.log(2)) / mp.mpf(2) ** -24))


# 4. Where the results leave the normal range (z -> -inf): the least z of
# the type (most negative) whose exact result is still >= the least normal
# number in magnitude, and the margin of that result above it. Below it the
# fast kernels flush to a zero of the result's sign.
def softplus(z):
    return mp.log1p(mp.exp(z))


def silu(z):
    return z / (1 + mp.exp(-z))


def silu_grad(z):
    s = 1 / (1 + mp.exp(-z))
    return s * (1 + z * (1 - s))


def least_normal_input(f, bits, emin):
    """The most negative number with `bits` significant bits whose |f| is
    >= 2^emin (f decays monotonically in magnitude towards -inf there)."""
    tiny = mp.mpf(2) ** emin
    lo, hi = mp.mpf(-800), mp.mpf(-10)
    for _ in range(200):
        mid = (lo + hi) / 2
        if abs(f(mid)) >= tiny:
            hi = mid
        else:
            lo = mid
    z = round_to(hi, bits)
    step = mp.mpf(2) ** (mp.floor(mp.log(abs(z), 2)) + 1 - bits)
    while abs(f(z)) < tiny:
        z += step
    while abs(f(z - step)) >= tiny:
        z -= step
    return z, abs(f(z)) / tiny - 1


for name, f in (("softplus", softplus), ("silu", silu), ("silu_grad", silu_grad)):
    zf, mf = least_normal_input(f, 24, -126)
    zd, md = least_normal_input(f, 53, -1022)
    print(f"{name}: float {hexf(zf)} ({mp.nstr(zf, 10)}), margin 2^{float(mp.log(mf, 2)):.1f}; "
          f"double {float(zd).hex()} ({mp.nstr(zd, 17)}), margin 2^{float(mp.log(md, 2)):.1f}")
