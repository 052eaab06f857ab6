// squash/detail/logistic_core.hpp: the terms the double kernels of the exact
// tier share (1 + e, tanh(|z|/2), the final 2^k scaling).
// SPDX-License-Identifier: MIT
//
// The terms every logistic function is built from, for a batch z:
//   e = e^-|z| = 2^k (E.hi + E.lo),   D = 1 + e = D.hi + D.lo,
// and the one-rounding 2^k scaling that gives gradual underflow.
#ifndef SQUASH_DETAIL_LOGISTIC_CORE_HPP
#define SQUASH_DETAIL_LOGISTIC_CORE_HPP

#include "exp_core.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

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
    // k below k_min_scale, scale is 2^k_min_scale: e is then below 2^-93
    // (float) or 2^-957 (double), and replacing it by that changes no bit
    // of D >= 1.
    auto D = fast_two_sum(batch(1), parts.scale * E.hi);
    D.lo = fmadd(parts.scale, E.lo, D.lo);
    return {parts, E, D};
}

// tanh(|z|/2) = (1 − e) / (1 + e), e = e^-|z|.
// 2σ − 1 would cancel near 0; instead, with e − 1 = 2^k(1 + m) − 1 kept to
// double-word precision, σ₂(|z|) = −(e − 1) / (2 + (e − 1)).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> tanh_half_abs(exp_parts<T, A> const& parts) noexcept
{
    using batch = xsimd::batch<T, A>;
    auto scale = parts.scale;
    // 1 − e = (1 − 2^k) − 2^k m. For k = 0 the first part vanishes; for
    // k < 0 it is >= 0.5 > |2^k m|, so Fast2Sum applies either way.
    auto one_minus_scale = fast_two_sum(batch(1), negate(scale));
    auto numerator = fast_two_sum(one_minus_scale.hi, negate(scale * parts.m.hi));
    numerator.lo = opaque(numerator.lo + fnmadd(scale, parts.m.lo, one_minus_scale.lo));
    // 1 + e = 2 − (1 − e)
    auto denominator = fast_two_sum(batch(2), negate(numerator.hi));
    denominator.lo = opaque(denominator.lo - numerator.lo);
    return divide(numerator, denominator);
}

// q * 2^k for q in [2^-3, 2]: one multiplication by 2^max(k, k_min_scale),
// which is exact; then, only where k is below k_min_scale (results under
// ~2^-93 in float, 2^-957 in double), one more by 2^(k - k_min_scale), which
// rounds once (into the subnormals where the result is that small). Where
// k < k_zero the result is 0 whatever q is: those lanes skip the second
// multiplication, and a batch with no other lane below skips it
// altogether, so an array of masked logits (-inf, -1e4) does no subnormal
// arithmetic and little extra work. Lanes with k in range get the same
// bits whichever path their batch takes; the branch keeps the rare path off
// the FMA pipes that bound the kernel.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> scale_by_pow2k(xsimd::batch<T, A> q, exp_parts<T, A> const& parts) noexcept
{
    using batch = xsimd::batch<T, A>;
    using C = exp_constants<T>;
    auto result = q * parts.scale;
    auto below = parts.k < batch(C::k_min_scale);
    if (xsimd::any(below)) {
        auto zero = parts.k < batch(C::k_zero);
        result = xsimd::select(zero, batch(0), result);
        auto tiny = below && !zero;
        if (xsimd::any(tiny))
            result = result * pow2(xsimd::select(tiny, parts.k - C::k_min_scale, batch(0)));
    }
    return result;
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
