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

namespace sweep {

// The values at +a and -a for a magnitude a >= 0 (or NaN): one exponential
// serves both signs and all three functions.
template <class W>
struct reference_pair {
    W sigmoid_pos, sigmoid_neg;  // sigma(a), sigma(-a)
    W grad;                      // sigma'(+-a)
    W bipolar_pos;               // sigma2(a) = -sigma2(-a)
};

// Past this magnitude every value is within 2^-500 of an ulp of its
// saturation (0 or 1) in the target format: capping a there changes no
// error measurably and keeps exp() off its slow underflow path.
template <class W>
inline constexpr W magnitude_cap = std::is_same_v<W, double> ? W(700) : W(11000);

template <class W>
inline reference_pair<W> reference_values(W a)
{
    a = std::min(a, magnitude_cap<W>);  // NaN stays NaN
    W e = std::exp(-a);
    W d = 1 + e;
    W e_minus_1 = a < 1 ? std::expm1(-a) : e - 1;
    return {1 / d, e / d, e / (d * d), -e_minus_1 / (2 + e_minus_1)};
}

}  // namespace sweep

#endif
