// squash — SIMD logistic activation functions.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_SIGMOID_HPP
#define SQUASH_SIGMOID_HPP

#include "detail/logistic_core.hpp"
#include "elementwise.hpp"

namespace squash {

namespace detail {

// σ(z) = 1 / (1 + e^-z).
// With e = e^-|z| <= 1 nothing can overflow, and the formula reflects:
//   z >= 0:  σ = 1 / (1 + e)
//   z <  0:  σ = e / (1 + e) = 2^k (1 + m) / (1 + e)
// Numerator and denominator are double words, so the one corrected division
// rounds (almost) once; the 2^k of the negative side is applied last so a
// subnormal result is rounded once too.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> sigmoid_kernel(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    auto [parts, E, D] = logistic_core(z);
    auto negative = z < batch(0);
    double_word<T, A> numerator{xsimd::select(negative, E.hi, batch(1)), xsimd::select(negative, E.lo, batch(0))};
    auto q = divide(numerator, D);
    return keep_nan(z, xsimd::select(negative, scale_by_pow2k(q, parts), q));
}

}  // namespace detail

struct sigmoid_fn : elementwise_function<sigmoid_fn> {
    static constexpr char const* name = "sigmoid";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept { return detail::sigmoid_kernel(z); }
};

// The logistic function σ(z) = 1 / (1 + e^-z): float or double; a scalar, an
// xsimd::batch, a contiguous range into another, or a range in place.
inline constexpr sigmoid_fn sigmoid{};

}  // namespace squash

#endif
