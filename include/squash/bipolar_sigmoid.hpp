// squash — SIMD logistic activation functions.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_BIPOLAR_SIGMOID_HPP
#define SQUASH_BIPOLAR_SIGMOID_HPP

#include "detail/logistic_core.hpp"
#include "elementwise.hpp"

namespace squash {

namespace detail {

// σ₂(z) = 2σ(z) − 1 = (1 − e^-z) / (1 + e^-z) = tanh(z/2).
// (Not tanh(z), as the blog this library started from says: its own table
// has σ₂(2) = 0.7616 = tanh(1).) The math is tanh_half_abs, in
// detail/logistic_core.hpp (sigmoid_grad shares it); the sign is copied from
// z, so σ₂ is exactly odd.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> bipolar_sigmoid_kernel(xsimd::batch<T, A> z) noexcept
{
    return keep_nan(z, with_sign_of(tanh_half_abs(exp_neg_abs(z)), z));
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
