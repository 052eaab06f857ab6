// squash — SIMD logistic activation functions.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_SIGMOID_GRAD_HPP
#define SQUASH_SIGMOID_GRAD_HPP

#include "detail/logistic_core.hpp"
#include "elementwise.hpp"

namespace squash {

namespace detail {

// σ'(z) = σ(z)(1 − σ(z)) = e / (1 + e)^2 with e = e^-|z|.
// The textbook s·(1−s) loses everything once s rounds to 1 (float: z >= 17);
// e/(1+e)^2 has no cancellation, depends on |z| only (so σ' is exactly even),
// and its 2^k is applied last so subnormal results round once.
// Near 0, σ' is flat (σ' = 1/4 − z²/16 + ...): consecutive floats give exact
// values closer together than any non-trivial evaluation's error, and even a
// 2^-40 error breaks monotonicity there. So for |z| < 1/4 it uses
//   σ' = 1/4 − (σ₂/2)²,   σ₂ = tanh(|z|/2),
// one fused operation on the (monotone) bipolar sigmoid: monotone by
// construction, and within 0.55 ulp since (σ₂/2)² <= 0.004 there.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> sigmoid_grad_kernel(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    auto [parts, E, D] = logistic_core(z);
    auto grad = scale_by_pow2k(divide(E, square(D)), parts);
    auto flat = abs_bits(z) < batch(T(0.25));
    if (xsimd::any(flat)) {
        auto half_tanh = tanh_half_abs(parts) * T(0.5);
        grad = xsimd::select(flat, fnmadd(half_tanh, half_tanh, batch(T(0.25))), grad);
    }
    return keep_nan(z, grad);
}

}  // namespace detail

struct sigmoid_grad_fn : elementwise_function<sigmoid_grad_fn> {
    static constexpr char const* name = "sigmoid_grad";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept { return detail::sigmoid_grad_kernel(z); }
};

// The derivative of the sigmoid, taking z (not σ(z)): σ'(z) = σ(z)(1 − σ(z)).
inline constexpr sigmoid_grad_fn sigmoid_grad{};

}  // namespace squash

#endif
