// squash — SIMD logistic activation functions.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_BIPOLAR_SIGMOID_HPP
#define SQUASH_BIPOLAR_SIGMOID_HPP

#include "detail/exp_core.hpp"
#include "elementwise.hpp"

namespace squash {

namespace detail {

// σ₂(z) = 2σ(z) − 1 = (1 − e^-z) / (1 + e^-z) = tanh(z/2).
// (Not tanh(z), as the blog this library started from says: its own table
// has σ₂(2) = 0.7616 = tanh(1).)
// 2σ − 1 cancels near 0; instead, with e − 1 = expm1(−|z|) kept to double-word
// precision by the exp core,
//   σ₂(|z|) = −(e − 1) / (2 + (e − 1)),
// and the sign is copied from z, so σ₂ is exactly odd.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> bipolar_sigmoid_kernel(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    auto parts = exp_neg_abs(z);
    auto scale = parts.scale;
    // 1 − e = (1 − 2^k) − 2^k m. For k = 0 the first part vanishes; for
    // k < 0 it is >= 0.5 > |2^k m|, so Fast2Sum applies either way.
    auto one_minus_scale = fast_two_sum(batch(1), -scale);
    auto numerator = fast_two_sum(one_minus_scale.hi, -scale * parts.m.hi);
    numerator.lo = numerator.lo + xsimd::fnma(scale, parts.m.lo, one_minus_scale.lo);
    // 1 + e = 2 − (1 − e)
    auto denominator = fast_two_sum(batch(2), -numerator.hi);
    denominator.lo = denominator.lo - numerator.lo;
    return keep_nan(z, xsimd::copysign(divide(numerator, denominator), z));
}

}  // namespace detail

struct bipolar_sigmoid_fn : elementwise_function<bipolar_sigmoid_fn> {
    static constexpr char const* name = "bipolar_sigmoid";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept { return detail::bipolar_sigmoid_kernel(z); }
};

// The bipolar sigmoid σ₂(z) = 2σ(z) − 1 = tanh(z/2), with values in [−1, 1].
inline constexpr bipolar_sigmoid_fn bipolar_sigmoid{};

}  // namespace squash

#endif
