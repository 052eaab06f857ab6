// Fast reference values: the three functions evaluated in a wider type W
// (double for float results, long double for double results), with formulas
// that never cancel, so W's relative error carries straight through.
//
// With a = |z|, e = e^-a <= 1 and d = 1 + e in [1, 2]:
//   sigma(z)   = 1/d (z >= 0),  e/d (z < 0)
//   sigma'(z)  = e / d^2
//   sigma2(z)  = sign(z) * -(e - 1) / (2 + (e - 1)),  e - 1 = expm1(-a)
// e - 1 is taken from expm1 where it would cancel (a < 1); for a >= 1,
// |e - 1| >= 0.63, so subtracting 1 from e loses nothing.
// The training functions (softplus, log_sigmoid, silu, silu_grad), with L = log1p(e), two terms of one sign:
//   softplus(a)    = a + L,    softplus(-a) = L,   log_sigmoid(z) = -softplus(-z)
//   silu(a)        = a/d,      silu(-a)     = -a e/d
//   silu'(a)       = (1 + e + a e)/d^2  (three positive terms)
//   silu'(-a)      = e N/d^2,  N = 1 - a + e, which vanishes at silu's
//                    minimum z0; within 1/2 of it N = -z0 t + c (expm1(t) - t)
//                    with t = -a - z0 (z0 in three parts, so t keeps its
//                    relative precision) and c = e^z0 = -(1 + z0): the
//                    first term carries t's precision and the second is
//                    at most 6% of it. Elsewhere |N| >= 0.6 and 1 - a is
//                    exact in W, so at most one rounding meets the
//                    cancellation. Each value stays within a few ulps of W.
//
// Error, W = double: glibc's exp and expm1 are within 1 ulp, and each of the
// at most four further operations adds half an ulp, so every reference value
// is within 4 ulps = 2^-50 relative of the exact one. A float result's ulp is
// at least 2^-24 relative, so the reference is off by < 2^-26 ulp = 1.5e-8
// ulp: negligible next to the 0.5 ulp steps being counted, and 60x below
// the 1e-6 ulp window inside which the sweep asks MPFR instead (ulp.hpp).
//
// Error, W = long double (x87, 64-bit significand): expl and expm1l are
// within a few ulps, so the value is within 2^-60 relative; a double's ulp
// is at least 2^-53 relative, so that is < 2^-7 ulp, and the window for
// doubles is 2^-5 ulp. Both claims are not taken on trust: the sweep
// compares a sample of its reference values with MPFR (--check) and fails if
// one is further off than the window allows.
#ifndef SQUASH_SWEEP_REFERENCE_HPP
#define SQUASH_SWEEP_REFERENCE_HPP

#include <algorithm>
#include <cmath>

#include "training_reference.hpp"  // silu_z0_parts

namespace sweep {

// The values at +a and -a for a magnitude a >= 0 (or NaN): one exponential
// serves both signs and all three functions.
template <class W>
struct reference_pair {
    W sigmoid_pos, sigmoid_neg;  // sigma(a), sigma(-a)
    W grad;                      // sigma'(+-a)
    W bipolar_pos;               // sigma2(a) = -sigma2(-a)
    W softplus_pos, softplus_neg;
    W silu_pos, silu_neg;
    W silu_grad_pos, silu_grad_neg;
};

// N = 1 + z + e^z at z = -a (see above), a finite.
template <class W>
inline W silu_grad_numerator(W a, W e)
{
    using squash_test::silu_z0_parts;
    W const t = ((-a - W(silu_z0_parts[0])) - W(silu_z0_parts[1])) - W(silu_z0_parts[2]);
    if (!(std::fabs(t) < W(0.5)))
        return (1 - a) + e;
    W const z0 = W(silu_z0_parts[0]) + W(silu_z0_parts[1]);
    W const c = -(1 + z0);
    return -z0 * t + c * (std::expm1(t) - t);
}

// Past this magnitude every value is within 2^-500 of an ulp of its
// saturation (0 or 1) in the target format: capping a there changes no
// error measurably and keeps exp() off its slow underflow path.
template <class W>
inline constexpr W magnitude_cap = std::is_same_v<W, double> ? W(700) : W(11000);

template <class W>
inline reference_pair<W> reference_values(W a)
{
    W const z = a;                      // uncapped, for the terms linear in a
    a = std::min(a, magnitude_cap<W>);  // NaN stays NaN
    W e = std::exp(-a);
    W d = 1 + e;
    W e_minus_1 = a < 1 ? std::expm1(-a) : e - 1;
    W const L = std::log1p(e);
    reference_pair<W> r{1 / d, e / d, e / (d * d), -e_minus_1 / (2 + e_minus_1), z + L, L, z / d, -z * e / d, 0, 0};
    if (std::isinf(z)) {  // the limits, where e is the capped one: silu(-inf) = -0, silu'(+-inf) = 1, -0
        r.silu_neg = -W(0);
        r.silu_grad_pos = 1;
        r.silu_grad_neg = -W(0);
        return r;
    }
    r.silu_grad_pos = (1 + e + z * e) / (d * d);
    r.silu_grad_neg = e * silu_grad_numerator(z, e) / (d * d);
    return r;
}

}  // namespace sweep

#endif
