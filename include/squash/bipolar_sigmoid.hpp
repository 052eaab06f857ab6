// squash/bipolar_sigmoid.hpp: the bipolar sigmoid σ₂(z) = 2σ(z) − 1 = tanh(z/2): its kernels
// (float correctly rounded via double, double faithful via double words) and
// the function object squash::bipolar_sigmoid.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_BIPOLAR_SIGMOID_HPP
#define SQUASH_BIPOLAR_SIGMOID_HPP

#include <array>
#include <limits>

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/logistic_core.hpp"
#include "detail/round_once.hpp"
#include "elementwise.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// σ₂(z) = 2σ(z) − 1 = (1 − e^-z) / (1 + e^-z) = tanh(z/2).
// (Not tanh(z), as the blog post this library started from says: its own
// table has σ₂(2) = 0.7616 = tanh(1).)
// float, on |z| with the sign of z restored: with E = e^-|z|,
// σ₂(|z|) = −(E − 1) / (2 + (E − 1)), where E − 1 comes without
// cancellation from wide_exp's parts (and, on the exact path, from e^r − 1
// itself when k = 0).
// Below |z| = 2^-24, σ₂(|z|) = h (1 − z²/12 + ...) with h = |z|/2 lies
// within 2^-51 (relative) below h, beyond what double (or double-double)
// arithmetic resolves at these magnitudes. h itself is a float, or, when it
// is a subnormal that lost its last bit, a midpoint between two floats, and
// the value just below it must round down. So there the fast path takes
// h − 2^-160: below every such midpoint by far more than the boundary test's
// window (2^18 of its units), above the next float boundary (2^-150 away at
// least), and equal to h in double wherever h is normal; and the exact path
// keeps h and −h z²/12 apart as a double-double.
struct bipolar_sigmoid_round_once {
    static constexpr double tiny = 0x1p-24;  // |z| below this: σ₂ = h (1 − z²/12), h = |z|/2
    // Subnormal results only below |z| = 2^-125, from h − 2^-160, never near
    // a boundary (see above).
    static constexpr bool subnormal_results = false;
    // The rare inputs (detail/round_once.hpp): |z| < tiny, for wide_rare.
    static constexpr float rare_below = float(tiny);
    static constexpr float rare_above = std::numeric_limits<float>::infinity();

    // 1 − E over 2 − (1 − E) = 1 + E (the bits of −(E − 1) / ((E − 1) + 2),
    // one negation fewer).
    template <class A>
    SQUASH_INLINE static xsimd::batch<double, A> wide(xsimd::batch<double, A> x) noexcept
    {
        auto one_minus_e = wide_exp<wide_exp_use::minus_one>(x).one_minus();
        return one_minus_e / (2.0 - one_minus_e);
    }
    template <class A>
    SQUASH_INLINE static xsimd::batch<double, A> wide_rare(xsimd::batch<double, A> x, xsimd::batch<double, A> y) noexcept
    {
        using batch = xsimd::batch<double, A>;
        auto h = negate(x) * 0.5;
        return xsimd::select(x > batch(-tiny), h - xsimd::min(h, batch(0x1p-160)), y);
    }
    static dd::number exact(float x) noexcept
    {
        if (x > -tiny) {
            double h = -0.5 * double(x);
            return {h, -h * (double(x) * double(x) / 12)};
        }
        auto e = dd::exp(x);
        auto one_minus_e = e.k == 0 ? dd::negate(e.m) : dd::add(dd::number{1, 0}, dd::negate(e.value()));
        return dd::divide(one_minus_e, dd::add(dd::negate(one_minus_e), 2.0));
    }
};

// double: the math is tanh_half_abs, in detail/logistic_core.hpp
// (sigmoid_grad shares it); the sign is copied from z, so σ₂ is exactly odd.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> bipolar_sigmoid_kernel(xsimd::batch<T, A> z) noexcept
{
    if constexpr (std::is_same_v<T, float>) {
        // round_once keeps the NaN of |z|, and the sign of z comes back with it.
        return with_sign_of(round_once<bipolar_sigmoid_round_once>(abs_bits(z)), z);
    } else {
        return keep_nan(z, with_sign_of(tanh_half_abs(exp_neg_abs(z)), z));
    }
}

}  // namespace detail

struct bipolar_sigmoid_fn : elementwise_function<bipolar_sigmoid_fn> {
    static constexpr char const* name = "bipolar_sigmoid";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept { return detail::bipolar_sigmoid_kernel(z); }
    // float, two registers at once with each one's bits (the array loops).
    template <class A>
    SQUASH_INLINE static std::array<xsimd::batch<float, A>, 2> kernel_pair(xsimd::batch<float, A> z0,
                                                                           xsimd::batch<float, A> z1) noexcept
    {
        using detail::abs_bits;
        using detail::with_sign_of;
        auto r = detail::round_once<detail::bipolar_sigmoid_round_once>(abs_bits(z0), abs_bits(z1));
        return {with_sign_of(r[0], z0), with_sign_of(r[1], z1)};
    }
};

// The bipolar sigmoid σ₂(z) = 2σ(z) − 1 = tanh(z/2), for float or double, in
// every call form of squash::sigmoid.
//   range      [−1, 1]; σ₂(±0) = ±0, σ₂(±inf) = ±1, odd: σ₂(−z) has the bits
//              of −σ₂(z); NaN -> the same NaN, quieted; no overflow, invalid
//              or divide-by-zero flag for any other input.
//   float      correctly rounded, subnormal results included (z/2 for
//              subnormal z): the same bits on every instruction set,
//              compiler and CPU.
//   double     faithful: within 1 ulp (measured: 0.73, docs/accuracy).
//   Under flush-to-zero, subnormal inputs and results are 0.
inline constexpr bipolar_sigmoid_fn bipolar_sigmoid{};

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
