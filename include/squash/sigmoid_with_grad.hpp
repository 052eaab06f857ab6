// squash/sigmoid_with_grad.hpp: σ(z) and σ'(z) from one exponential, each with the bits of its
// own function (squash::sigmoid and squash::sigmoid_grad), for a forward
// pass that keeps the derivative for the backward one: the function object
// squash::sigmoid_with_grad.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_SIGMOID_WITH_GRAD_HPP
#define SQUASH_SIGMOID_WITH_GRAD_HPP

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/logistic_core.hpp"
#include "detail/round_once.hpp"
#include "elementwise.hpp"
#include "sigmoid.hpp"
#include "sigmoid_grad.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// float: the computations of sigmoid_round_once and sigmoid_grad_round_once
// (sigmoid.hpp, sigmoid_grad.hpp) on one e^-z: the same double values, the
// same rounding to float, the same boundary test and slow path. Both
// results are correctly rounded, so they are the bits of squash::sigmoid(z)
// and squash::sigmoid_grad(z) whatever the route; the tests check it over
// all 2^32 floats.
template <class A>
SQUASH_INLINE value_and_grad<xsimd::batch<float, A>> sigmoid_with_grad_float(xsimd::batch<float, A> z) noexcept
{
    using fbatch = xsimd::batch<float, A>;
    using dbatch = xsimd::batch<double, A>;
    auto x = xsimd::min(xsimd::max(negate(z), fbatch(-round_once_clamp)), fbatch(round_once_clamp));
    auto halves = widen(x);
    auto e_lo = wide_exp(halves.lo).value();
    auto e_hi = wide_exp(halves.hi).value();
    dbatch const d_lo = e_lo + 1.0, d_hi = e_hi + 1.0;
    // sigmoid_round_once::wide but for d's rounding (it fuses 1 + e^x)
    dbatch const s_lo = 1.0 / d_lo, s_hi = 1.0 / d_hi;
    dbatch const g_lo = e_lo / (d_lo * d_lo), g_hi = e_hi / (d_hi * d_hi);  // sigmoid_grad_round_once::wide
    bool const rare = any_rare_input<rare_inputs_below_normal>(z);  // σ's and σ''s
    auto value = correct_hard_lanes<sigmoid_round_once>(x, narrow(s_lo, s_hi), s_lo, s_hi, rare);
    auto grad = correct_hard_lanes<sigmoid_grad_round_once>(x, narrow(g_lo, g_hi), g_lo, g_hi, rare);
    return {keep_nan(z, value), keep_nan(z, grad)};
}

// double: the steps of sigmoid_kernel and sigmoid_grad_kernel (the same
// detail functions in the same order) on one logistic_core(z), so each
// output has the bits of its own function (checked by the tests).
template <class A>
SQUASH_INLINE value_and_grad<xsimd::batch<double, A>> sigmoid_with_grad_double(xsimd::batch<double, A> z) noexcept
{
    using batch = xsimd::batch<double, A>;
    auto [parts, E, D] = logistic_core(z);
    auto negative = z < batch(0);
    double_word<double, A> numerator{xsimd::select(negative, E.hi, batch(1)), xsimd::select(negative, E.lo, batch(0))};
    auto q = divide(numerator, D);
    auto value = xsimd::select(negative, scale_by_pow2k(q, parts), q);

    auto grad = scale_by_pow2k(divide(E, square(D)), parts);
    auto flat = abs_bits(z) < batch(0.25);
    if (xsimd::any(flat)) {
        auto half_tanh = tanh_half_abs(exp_parts_for_tanh(z, parts)) * 0.5;
        grad = xsimd::select(flat, fnmadd(half_tanh, half_tanh, batch(0.25)), grad);
    }
    return {keep_nan(z, value), keep_nan(z, grad)};
}

}  // namespace detail

struct sigmoid_with_grad_fn : two_output_function<sigmoid_with_grad_fn> {
    static constexpr char const* name = "sigmoid_with_grad";
    static constexpr char const* value_name = "y";
    static constexpr char const* grad_name = "g";
    template <class T, class A>
    SQUASH_INLINE static value_and_grad<xsimd::batch<T, A>> kernel(xsimd::batch<T, A> z) noexcept
    {
        if constexpr (std::is_same_v<T, float>)
            return detail::sigmoid_with_grad_float(z);
        else
            return detail::sigmoid_with_grad_double(z);
    }
};

// σ(z) and σ'(z) together, from one exponential, for float or double:
//   auto [y, g] = f(z)        one value (value_and_grad<T>: .value, .grad)
//   auto r = f(batch)         one xsimd register: r.value, r.grad
//   f(z, y, g)                three contiguous ranges of one size: y[i] =
//                             σ(z[i]), g[i] = σ'(z[i]); y or g may be the
//                             same memory as z (in place), y and g must be
//                             disjoint; a size mismatch or any other overlap
//                             throws std::invalid_argument before writing
//   f(z_ptr, y_ptr, g_ptr, n), f(Arch{}, ...)  as for squash::sigmoid
// Each output has the bits of its own function: y those of
// squash::sigmoid(z), g those of squash::sigmoid_grad(z) (float: both
// correctly rounded; double: faithful), NaN and special values included.
inline constexpr sigmoid_with_grad_fn sigmoid_with_grad{};

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
