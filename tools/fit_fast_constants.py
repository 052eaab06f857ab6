#!/usr/bin/python3
"""Derive the constants of squash's fast tier (include/squash/detail/fast_exp.hpp).

Run with Debian's python3-mpmath:  /usr/bin/python3 tools/fit_fast_constants.py [mode]
(no mode: all of them; a few minutes, the Remez fits at 256 bits dominate).

Modes, each printing what fast_constants<float> / <double> hold:
  split           log2(e), the Cody-Waite split ln2 = ln2_hi + ln2_lo (ln2_hi
                  with few enough bits that v*ln2_hi is exact for every v the
                  kernels produce) and ln2 rounded to nearest;
  shifted_float,  the AVX-512 tables (and shifted_float_avx2, the AVX2 float
  shifted_double  table of 8): N entries S_j ~ K 2^((j + 1/2)/N), each
                  rounded down or up so that the result stays monotone
                  across subinterval boundaries (see shifted_table), the
                  constant c0 = a(0), and the polynomial a(r) = c0 + r P(r)
                  ~ c0 e^-r, fitted minimax on the relative error (double:
                  deliberately tilted; see fit_exp_c0);
  expm1,          the portable polynomial: e^-r - 1 = r (-1 + r Q(r)) on
  expm1_double    |r| <= ln2/2, minimax on the relative error of e^-r - 1;
  thresholds      the least z with sigmoid(z) >= the least normal number,
                  and the largest a with sigmoid'(a) >= it.
Every fit is followed by the error of the polynomial with its coefficients
rounded as printed, measured on a fine grid.
"""
import sys

import mpmath as mp

mp.mp.prec = 256
LN2 = mp.log(2)

FORMATS = {"float": (24, -126, 128), "double": (53, -1022, 1024)}  # significand bits, emin, emax


def round_to(x, bits):
    """x rounded to nearest, ties to even, with `bits` significant bits."""
    x = mp.mpf(x)
    if x == 0:
        return mp.mpf(0)
    e = mp.floor(mp.log(abs(x), 2)) + 1 - bits
    m = x / mp.mpf(2) ** e
    r = mp.nint(m)  # mpmath's nint rounds half to even
    return r * mp.mpf(2) ** e


def hexf(x):
    """C hex-float spelling of a value that is exactly a double (or float)."""
    return float(x).hex()


def next_up(x, bits, emin):
    """The next number above x with `bits` significant bits (x normal, > 0 or < 0)."""
    x = mp.mpf(x)
    a = abs(x)
    e = max(mp.floor(mp.log(a, 2)), emin) + 1 - bits
    step = mp.mpf(2) ** e
    # Going up from a negative number shrinks |x|: at a power of two the step
    # below is half as large.
    if x < 0 and a == mp.mpf(2) ** mp.floor(mp.log(a, 2)):
        step /= 2
    return x + step


def remez(f, weight, basis, a, b, iterations=30, grid=6000):
    """Coefficients c minimising max |weight(x) * (f(x) - sum c_i basis_i(x))|
    on [a, b] (Remez exchange on a dense grid). Returns (c, levelled error)."""
    n = len(basis)
    xs = [a + (b - a) * (1 - mp.cos(mp.pi * i / (n))) / 2 for i in range(n + 1)]
    # The weights below vanish at 0 (the error of 1 + r*P is 0 there): keep
    # the first reference off it.
    xs = [x + (b - a) / 1000 if abs(x) < (b - a) / 1000 else x for x in xs]
    grid_pts = [a + (b - a) * mp.mpf(i) / grid for i in range(grid + 1)]
    c = None
    E = None
    for _ in range(iterations):
        # Solve sum c_i phi_i(x_k) + (-1)^k E / w(x_k) = f(x_k)
        A = mp.matrix(n + 1, n + 1)
        rhs = mp.matrix(n + 1, 1)
        for k, x in enumerate(xs):
            for i, phi in enumerate(basis):
                A[k, i] = phi(x)
            A[k, n] = (-1) ** k / weight(x)
            rhs[k] = f(x)
        sol = mp.lu_solve(A, rhs)
        c = [sol[i] for i in range(n)]
        E = sol[n]

        def err(x):
            return weight(x) * (f(x) - sum(ci * phi(x) for ci, phi in zip(c, basis)))

        vals = [err(x) for x in grid_pts]
        # Local extrema of the error, then a subsequence alternating in sign
        # keeping the largest of each run.
        ext = []
        for i in range(len(vals)):
            left = vals[i - 1] if i > 0 else None
            right = vals[i + 1] if i + 1 < len(vals) else None
            v = vals[i]
            if (left is None or abs(v) >= abs(left)) and (right is None or abs(v) >= abs(right)):
                ext.append((grid_pts[i], v))
        alt = []
        for x, v in ext:
            if alt and (alt[-1][1] > 0) == (v > 0):
                if abs(v) > abs(alt[-1][1]):
                    alt[-1] = (x, v)
            else:
                alt.append((x, v))
        while len(alt) > n + 1:
            # drop the smaller end
            if abs(alt[0][1]) < abs(alt[-1][1]):
                alt.pop(0)
            else:
                alt.pop()
        if len(alt) < n + 1:
            break
        xs = [x for x, _ in alt]
    return c, E




def neighbours(x, bits):
    """The two numbers with `bits` significant bits around x (x in [0.5, 2))."""
    x = mp.mpf(x)
    e = mp.floor(mp.log(x, 2)) + 1 - bits
    step = mp.mpf(2) ** e
    lo = mp.floor(x / step) * step
    return [lo, lo + step]


def shifted_table(name, N, c0, budget, tilt=0):
    """The AVX-512 table of the form 2^((j + 1/2)/N) * K, K = 2^(-1/(2N)) / c0,
    so that a(r) = e^-r * 2^(-1/(2N)) / K = c0 * e^-r has a(0) = c0 exactly and
    stays below 1 on the whole reduced interval (its rounding error is then at
    most half an ulp of [1/2, 1)). Each entry is rounded down or up; the
    choice minimises M = max over consecutive entries (cyclically) of
    delta_m - delta_{m+1} (delta = relative error of the entry), subject to
    |delta| <= budget: at a seam between subintervals, the result moves the
    right way as long as M plus the rounding of a on both sides (about one
    2^-p) stays below the jump of the polynomial's error there."""
    bits = FORMATS[name][0]
    unit = mp.mpf(2) ** -bits  # 2^-24 or 2^-53: relative errors below are in these units
    K = mp.mpf(2) ** (-mp.mpf(1) / (2 * N)) / c0
    cands = []
    for j in range(N):
        exact = K * mp.mpf(2) ** ((j + mp.mpf(1) / 2) / N)
        opts = []
        for c in neighbours(exact, bits):
            d = (c - exact) / exact / unit
            if abs(d) <= budget:
                opts.append((d, c))
        cands.append(opts)

    def feasible(M):
        for first in cands[0]:
            reach = [first]
            back = []
            for j in range(1, N):
                nxt = [c for c in cands[j] if any(p[0] - c[0] <= M for p in reach)]
                back.append(reach)
                reach = nxt
                if not reach:
                    break
            if reach and any(p[0] - first[0] <= M for p in reach):
                # rebuild one assignment backwards
                choice = [None] * N
                last = [p for p in reach if p[0] - first[0] <= M][0]
                choice[N - 1] = last
                for j in range(N - 2, 0, -1):
                    choice[j] = [p for p in back[j] if p[0] - choice[j + 1][0] <= M][0]
                choice[0] = first
                return choice
        return None

    lo, hi = mp.mpf(-4), mp.mpf(4)
    best = None
    for _ in range(40):
        mid = (lo + hi) / 2
        ch = feasible(mid)
        if ch:
            hi, best = mid, ch
        else:
            lo = mid
    return K, hi, best


def fit_exp_c0(name, degree, h, c0, tilt=0):
    """a(r) = c0 + r*P(r) ~ c0*e^-r on [-h, h] (relative minimax, P of degree
    `degree` - 1), plus an optional tilt: the fit targets c0*e^-r*(1 + tilt*r/h),
    so the error at +h exceeds that at -h by about 2*tilt (units of 2^-p)."""
    bits = FORMATS[name][0]
    unit = mp.mpf(2) ** -bits
    target = lambda r: c0 * mp.exp(-r) * (1 + tilt * unit * r / h)
    f = lambda r: (target(r) - c0) / r if r != 0 else -c0 + tilt * unit * c0 / h
    w = lambda r: abs(r) / target(r) if r != 0 else mp.mpf("1e-60")
    basis = [(lambda i: (lambda r: r ** i))(i) for i in range(degree)]
    c, E = remez(f, w, basis, -h, h)
    c = [round_to(ci, bits) for ci in c]
    approx = lambda r: c0 + r * mp.polyval(c[::-1], r)
    err = lambda r: (approx(r) - c0 * mp.exp(-r)) / (c0 * mp.exp(-r)) / unit
    worst = max(abs(err(-h + 2 * h * i / 4000)) for i in range(4001))
    return c, worst, err(h), err(-h)


def shifted_design(name, N, degree, h, budget, tilt=0, c0_range=range(-8, 9)):
    bits = FORMATS[name][0]
    centre = round_to(mp.mpf(2) ** (-mp.mpf(1) / (2 * N)), bits)
    e = mp.floor(mp.log(centre, 2)) + 1 - bits
    best = None
    for i in c0_range:
        c0 = centre + i * mp.mpf(2) ** e
        K, M, choice = shifted_table(name, N, c0, budget)
        if choice is None:
            continue
        if best is None or M < best[1]:
            best = (c0, M, choice, K)
    c0, M, choice, K = best
    P, worst, eh, emh = fit_exp_c0(name, degree, h, c0, tilt)
    print(f"[{name}] shifted table, N = {N}: c0 = {hexf(c0)}, K - 1 = {mp.nstr(K - 1, 5)}; "
          f"max |delta| = {mp.nstr(max(abs(d) for d, _ in choice), 4)}, "
          f"M = max(delta_m - delta_m+1) = {mp.nstr(M, 4)} (units 2^-{bits})")
    vals = [hexf(c) for _, c in choice]
    for i in range(0, N, 4):
        print(f"[{name}]   " + ", ".join(vals[i:i + 4]) + ",")
    print(f"[{name}]   a = c0 + r*P(r), degree {degree}, tilt {tilt}: max rel error {mp.nstr(worst, 4)}, "
          f"error at +h {mp.nstr(eh, 4)}, at -h {mp.nstr(emh, 4)}: seam jump {mp.nstr(eh - emh, 4)} "
          f"vs M + rounding of a (~1.02): margin {mp.nstr(eh - emh - M - mp.mpf('1.022'), 3)}")
    for i, ci in enumerate(P):
        print(f"[{name}]   P{i} = {hexf(ci)}")


def fit_expm1(name, degree, h):
    """e^-r - 1 = r*P(r) on [-h, h], minimax on the relative error of r*P(r)
    (what the bipolar sigmoid needs near 0, where e^-r - 1 is the result)."""
    bits = FORMATS[name][0]
    f = lambda r: mp.expm1(-r) / r if r != 0 else mp.mpf(-1)
    w = lambda r: 1 / abs(f(r))
    basis = [(lambda i: (lambda r: r ** i))(i) for i in range(degree)]
    c, E = remez(f, w, basis, -h, h)
    c = [round_to(ci, bits) for ci in c]
    worst = max(abs(mp.polyval(c[::-1], r) / f(r) - 1) for r in [-h + 2 * h * i / 4000 for i in range(4001)] if r != 0)
    print(f"[{name}] e^-r - 1 = r*P(r), P degree {degree - 1} on [-{mp.nstr(h, 8)}, {mp.nstr(h, 8)}]: "
          f"max rel error {mp.nstr(worst, 3)} = 2^{mp.nstr(mp.log(worst, 2), 4)}")
    assert c[0] == -1, "the constant term must come out exactly -1 (m = r - r (r Q(r)))"
    for i, ci in enumerate(c[1:]):
        print(f"[{name}]   Q{i} = {hexf(ci)}")


def sigmoid(z):
    return 1 / (1 + mp.exp(-z))


def sigmoid_grad(a):
    e = mp.exp(-abs(a))
    return e / (1 + e) ** 2


def thresholds(name):
    bits, emin, _ = FORMATS[name]
    tiny = mp.mpf(2) ** emin
    # least z with sigmoid(z) >= tiny: start from the real root, step on the grid
    root = -mp.log(1 / tiny - 1)
    z = round_to(root, bits)
    while sigmoid(z) < tiny:
        z = next_up(z, bits, emin)
    while True:
        below = -next_up(-z, bits, emin)  # the number just below z
        if sigmoid(below) >= tiny:
            z = below
        else:
            break
    print(f"[{name}] least z with sigmoid(z) >= 2^{emin}: {hexf(z)}  ({mp.nstr(z, 17)}); "
          f"sigmoid there = {mp.nstr(sigmoid(z) / tiny, 12)} * 2^{emin}")
    # largest a with sigmoid'(a) >= tiny
    a = round_to(-z, bits)
    while sigmoid_grad(a) < tiny:
        a = -next_up(-a, bits, emin)
    while sigmoid_grad(next_up(a, bits, emin)) >= tiny:
        a = next_up(a, bits, emin)
    print(f"[{name}] largest a with sigmoid'(a) >= 2^{emin}: {hexf(a)}  ({mp.nstr(a, 17)}); "
          f"sigmoid' there = {mp.nstr(sigmoid_grad(a) / tiny, 12)} * 2^{emin}")




def split_ln2(name, v_bits, scale):
    """ln2 = hi + lo (+ tiny): v*hi exact for v with v_bits significant bits."""
    bits = FORMATS[name][0]
    hi = round_to(LN2, bits - v_bits)
    lo = round_to(LN2 - hi, bits)
    print(f"[{name}] ln2 rounded to nearest = {hexf(round_to(LN2, bits))}")
    print(f"[{name}] ln2_hi = {hexf(hi)} ({bits - v_bits} bits), ln2_lo = {hexf(lo)}, "
          f"ln2 - hi - lo = {mp.nstr(LN2 - hi - lo, 3)}; log2e = {hexf(round_to(1 / LN2, bits))}; "
          f"for v up to {scale}: |v*(ln2 - hi - lo)| <= {mp.nstr(scale * abs(LN2 - hi - lo), 3)}")


if __name__ == "__main__":
    which = sys.argv[1:2] or ["split", "shifted_float", "shifted_float_avx2", "shifted_double", "expm1", "expm1_double", "thresholds"]
    if "split" in which:
        # float: v = n/32, |n| <= 32*128 (12 bits); the portable path's v = n
        # is an integer <= 128 (8 bits). double: v = n/16, |n| <= 16*1024 (15 bits).
        split_ln2("float", 12, 128)
        split_ln2("double", 15, 1024)
    if "shifted_float" in which:
        shifted_design("float", 32, 2, mp.mpf("0.01084"), budget=mp.mpf("0.75"))
    if "shifted_float_avx2" in which:
        # N = 8 (one vpermps register), |r| <= ln2/16, a of degree 3 tilted
        # by 0.85 for the seam jump. fast_exp.hpp then moves P0 by 5 ulps
        # (see the comment there): the fit's own P0 left three steps back
        # near z = 0.03 in the exhaustive monotonicity check.
        shifted_design("float", 8, 3, mp.mpf("0.043322"), budget=mp.mpf("0.75"), tilt=mp.mpf("0.85"))
    if "shifted_double" in which:
        # degree 6 is far more accurate than needed (2^-57); the tilt gives
        # the seam jump that the degree-2 float polynomial has naturally.
        shifted_design("double", 16, 6, mp.mpf("0.021662"), budget=mp.mpf("0.75"),
                       tilt=mp.mpf(sys.argv[2]) if len(sys.argv) > 2 else mp.mpf("0.85"))
    if "expm1" in which:
        fit_expm1("float", 6, mp.mpf("0.3466"))
    if "expm1_double" in which:
        fit_expm1("double", 11, mp.mpf("0.346575"))
    if "thresholds" in which:
        thresholds("float")
        thresholds("double")
