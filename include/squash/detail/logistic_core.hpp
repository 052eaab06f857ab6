// squash — SIMD logistic activation functions.
// SPDX-License-Identifier: MIT
//
// The terms every logistic function is built from, for a batch z:
//   e = e^-|z| = 2^k (E.hi + E.lo),   D = 1 + e = D.hi + D.lo,
// and the one-rounding 2^k scaling that gives gradual underflow.
#ifndef SQUASH_DETAIL_LOGISTIC_CORE_HPP
#define SQUASH_DETAIL_LOGISTIC_CORE_HPP

#include "exp_core.hpp"

namespace squash::detail {

template <class T, class A>
struct logistic_terms {
    exp_parts<T, A> exp;     // e^-|z| = 2^k (1 + m)
    double_word<T, A> E;     // 1 + m, in [0.7, 1.42]
    double_word<T, A> D;     // 1 + e, in [1, 2]
};

template <class T, class A>
SQUASH_INLINE logistic_terms<T, A> logistic_core(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    auto parts = exp_neg_abs(z);
    auto E = fast_two_sum(batch(1), parts.m.hi);
    E.lo = E.lo + parts.m.lo;
    // e <= 1 always (k = 0 exactly when r <= 0), so Fast2Sum applies. For
    // k below the normal range, scale is 2^k_min_normal: e is then < 2^-125
    // and its error vanishes against D >= 1.
    auto D = fast_two_sum(batch(1), parts.scale * E.hi);
    D.lo = xsimd::fma(parts.scale, E.lo, D.lo);
    return {parts, E, D};
}

// q * 2^k for q in [2^-3, 2]: one multiplication by the normal 2^k_normal
// (exact), then one by 2^min(k - k_min_normal, 0), which is 1 (exact again)
// unless k is below the normal range, where it rounds once into the
// subnormals. Branch-free, so unrolled batches interleave.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> scale_by_pow2k(xsimd::batch<T, A> q, exp_parts<T, A> const& parts) noexcept
{
    using batch = xsimd::batch<T, A>;
    constexpr T k_min = exp_constants<T>::k_min_normal;
    auto below_normal = pow2(xsimd::min(parts.k - k_min, batch(0)));
    return (q * parts.scale) * below_normal;
}

}  // namespace squash::detail

#endif
