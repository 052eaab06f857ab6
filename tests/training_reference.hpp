// Long-double references for the training functions (softplus,
// log_sigmoid, silu, silu_grad, the backward formulas), for tests/training.cpp
// and tests/training_gradcheck.cpp. Each is written so that nothing cancels
// (see tests/reference.hpp for why long double is then enough: about 2^-62
// relative, 2^-38 ulp of a float and 2^-9 ulp of a double result).
#pragma once

#include <cmath>

#include "reference.hpp"

namespace squash_test {

// softplus(z) = max(z, 0) + log1p(e^-|z|): two terms of one sign.
inline long double softplus_ref(long double z)
{
    return std::fmax(z, 0.0L) + std::log1p(std::exp(-std::fabs(z)));
}

// log σ(z) = −softplus(−z) = min(z, 0) − log1p(e^-|z|).
inline long double log_sigmoid_ref(long double z) { return -softplus_ref(-z); }

// silu(z) = z σ(z), σ from e^-|z| (sigmoid_ref); 0 times σ(−inf) = 0 is the limit −0.
inline long double silu_ref(long double z)
{
    if (std::isinf(z))
        return z > 0 ? z : -0.0L;
    return z * sigmoid_ref(z);
}

// silu's minimum z0 = −1 − W(1/e) as three doubles (tools/fit_training.py;
// the same numbers as include/squash/silu.hpp, typed here independently).
inline constexpr double silu_z0_parts[3] = {-0x1.474973c84120bp+0, -0x1.f8d74bc9ac154p-54, -0x1.44a50180ba780p-108};

// z − z0 to 2^-64 relative for z within 1/2 of z0: z − z0_1 is exact (both
// doubles, Sterbenz) and so is the next step in 64 bits.
inline long double distance_to_silu_min(long double z)
{
    return ((z - static_cast<long double>(silu_z0_parts[0])) - static_cast<long double>(silu_z0_parts[1])) -
           static_cast<long double>(silu_z0_parts[2]);
}

// silu'(z) with e = e^-|z| and D = 1 + e:
//   z >= 0: (1 + e + z e) / D^2;  z < 0: e N / D^2 with N = 1 + z + e.
// N vanishes at z0; within 1/2 of it, N = (1 + c) d + c (expm1(d) − d) with
// d = z − z0 and c = e^z0 = −(1 + z0): the first term carries d's relative
// precision, the second is small beside it (its absolute rounding, 2^-64 d
// times c, is 2^-66 of N), so N keeps 2^-62 relative precision down to the
// doubles nearest z0.
inline long double silu_grad_ref(long double z)
{
    if (std::isinf(z))
        return z > 0 ? 1.0L : -0.0L;
    long double const e = std::exp(-std::fabs(z));
    long double const D = 1 + e;
    if (z >= 0)
        return (1 + e + z * e) / (D * D);
    long double N = 1 + z + e;
    long double const d = distance_to_silu_min(z);
    if (std::fabs(d) < 0.5L) {
        long double const z0 = static_cast<long double>(silu_z0_parts[0]) + static_cast<long double>(silu_z0_parts[1]);
        long double const c = -(1 + z0);
        N = -z0 * d + c * (std::expm1(d) - d);
    }
    return e * N / (D * D);
}

}  // namespace squash_test
