// squash/sigmoid_grad.hpp: the derivative of the logistic function, σ'(z) = σ(z)(1 − σ(z)),
// taking z: its kernels (float correctly rounded via double, double faithful
// via double words) and the function object squash::sigmoid_grad.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_SIGMOID_GRAD_HPP
#define SQUASH_SIGMOID_GRAD_HPP

#include <array>

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/logistic_core.hpp"
#include "detail/round_once.hpp"
#include "elementwise.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// float: σ' = E / (1 + E)^2, E = e^-z, in double (detail/round_once.hpp):
// no cancellation, and (1 + E)^2 <= 2^324 at the clamp.
struct sigmoid_grad_round_once : rare_inputs_below_normal {  // subnormal results for |z| in (87.34, 103.98)
    template <class A>
    SQUASH_INLINE static xsimd::batch<double, A> wide(xsimd::batch<double, A> x) noexcept
    {
        auto e = wide_exp(x).value();
        auto d = e + 1.0;
        return e / (d * d);
    }
    static dd::number exact(float x) noexcept
    {
        auto e = dd::exp(x).value();
        auto d = dd::add(e, 1.0);
        return dd::divide(e, dd::multiply(d, d));
    }
};

// double:
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
    if constexpr (std::is_same_v<T, float>) {
        return round_once<sigmoid_grad_round_once>(z);
    } else {
        auto [parts, E, D] = logistic_core(z);
        auto grad = scale_by_pow2k(divide(E, square(D)), parts);
        auto flat = abs_bits(z) < batch(T(0.25));
        if (xsimd::any(flat)) {
            auto half_tanh = tanh_half_abs(exp_parts_for_tanh(z, parts)) * T(0.5);
            grad = xsimd::select(flat, fnmadd(half_tanh, half_tanh, batch(T(0.25))), grad);
        }
        return keep_nan(z, grad);
    }
}

}  // namespace detail

struct sigmoid_grad_fn : elementwise_function<sigmoid_grad_fn> {
    static constexpr char const* name = "sigmoid_grad";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept { return detail::sigmoid_grad_kernel(z); }
    // float, two registers at once with each one's bits (the array loops).
    template <class A>
    SQUASH_INLINE static std::array<xsimd::batch<float, A>, 2> kernel_pair(xsimd::batch<float, A> z0,
                                                                           xsimd::batch<float, A> z1) noexcept
    {
        return detail::round_once<detail::sigmoid_grad_round_once>(z0, z1);
    }
};

// The derivative of the sigmoid, taking z (not σ(z)): σ'(z) = σ(z)(1 − σ(z)),
// for float or double, in every call form of squash::sigmoid.
//   range      [0, 1/4]; σ'(0) = 0.25, σ'(±inf) = +0, even: σ'(−z) has the
//              bits of σ'(z); NaN -> the same NaN, quieted; no overflow,
//              invalid or divide-by-zero flag for any other input.
//   float      correctly rounded, subnormal results included (|z| in
//              (87.34, 103.98)): the same bits on every instruction set,
//              compiler and CPU.
//   double     faithful: within 1 ulp (measured: 0.76).
//   Under flush-to-zero, results below the normal range are 0.
inline constexpr sigmoid_grad_fn sigmoid_grad{};

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
