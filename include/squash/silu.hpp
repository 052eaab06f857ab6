// squash/silu.hpp: the SiLU (swish) activation silu(z) = z·σ(z) and its derivative
// silu'(z) = σ(z)(1 + z(1 − σ(z))), exact tier (faithful: within 1 ulp),
// float and double: the function objects squash::silu and squash::silu_grad.
// SPDX-License-Identifier: MIT
//
// silu' without cancellation. silu'(z) = σ(z) + z σ'(z); with e = e^-|z|,
// σ(z) = 1/(1 + e) or e/(1 + e) and σ'(z) = e/(1 + e)^2:
//     z >= 0:  silu'(z) = (1 + e + z e) / (1 + e)^2      (all terms positive)
//     z <  0:  silu'(z) = e (1 + e + z) / (1 + e)^2
// The one difference that can cancel is N(z) = 1 + z + e^z for z < 0, which
// vanishes at silu's minimum z0 = −1 − W(1/e) = −1.27846454276107 (W is
// Lambert's function: e^z0 = −(1 + z0)). There silu'(z) changes sign, and its
// relative accuracy rests on N alone. Near z0, with d = z − z0 computed
// exactly and c = e^z0 = W(1/e),
//     N(z) = (1 + z0 + c) + d + c (e^d − 1) = (1 + c) d + c d^2 P(d),
// since 1 + z0 + c = 0; 1 + c = −z0, and P(d) = (e^d − 1 − d)/d^2 is the
// exp core's polynomial. This is a product by d (exact) of terms that do not
// cancel: N keeps its relative precision down to the inputs nearest z0
// (float: 2^-26.2 away, double: 2^-53.0; tools/fit_training.py), where
// silu' is 2.8e-9 and 2.4e-17. Away from z0 (|d| > 1/64 float, 1/4 double)
// the plain sum loses less than the bounds allow (see the kernels).
#ifndef SQUASH_SILU_HPP
#define SQUASH_SILU_HPP

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/double_word.hpp"
#include "detail/logistic_core.hpp"
#include "detail/wide_exp.hpp"
#include "elementwise.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// tools/fit_training.py (mpmath, 300 bits).
struct silu_constants {
    // z0 = z0_1 + z0_2 + z0_3 + 2e-49: the zero of silu'.
    static constexpr double z0_1 = -0x1.474973c84120bp+0;
    static constexpr double z0_2 = -0x1.f8d74bc9ac154p-54;
    static constexpr double z0_3 = -0x1.44a50180ba780p-108;
    // 1 + c = −z0 = one_plus_c_hi + one_plus_c_lo + 4e-33.
    static constexpr double one_plus_c_hi = 0x1.474973c84120bp+0;
    static constexpr double one_plus_c_lo = 0x1.f8d74bc9ac154p-54;
    // c = e^z0 = W(1/e), rounded.
    static constexpr double c = 0x1.1d25cf210482ep-2;
    // The windows |z − z0| < w where N comes from the expansion around z0.
    static constexpr double window_float = 1.0 / 64;
    static constexpr double window_double = 0.25;
    // double: beyond these, e^-|z| and z e^-|z| are below anything a result
    // can resolve: silu(z) = z and silu'(z) = 1 for z > 64 (z e^-z < 2^-86);
    // below −760, |silu(z)| and |silu'(z)| < |z| e^z < 2^-1086, which rounds
    // to −0 (exp_core's own clamp, −746, would be too high: |z| e^z stays
    // above half the least subnormal down to z = −751.8).
    static constexpr double saturation = 64.0;
    static constexpr double x_min = -760.0;
};

// ---- float, in double --------------------------------------------------------
// x = −z clamped to [−112, 112] (wide_exp's range), E = e^x = e^-z, relative
// error 2^-47; e^±112 keeps every term below 2^324.

// silu(z) = z / (1 + e^-z): three roundings of 2^-53 on E's 2^-47, within
// 2^-46.8 of the exact value before the rounding to float: at most
// 0.5 + 2^-22.8 ulp. The numerator is z clamped below only: silu(z) = z(1 −
// 2^-161) rounds to z above 112 (+inf for +inf), and below −112 the result,
// under 2^-154.8, rounds to −0 (−0 for −inf).
template <class A>
SQUASH_INLINE xsimd::batch<float, A> silu_float(xsimd::batch<float, A> z) noexcept
{
    using fbatch = xsimd::batch<float, A>;
    constexpr float range = 112.0f;
    auto x = xsimd::min(xsimd::max(negate(z), fbatch(-range)), fbatch(range));
    auto numerator = xsimd::max(z, fbatch(-range));
    auto x_wide = widen(x);
    auto n_wide = widen(numerator);
    return narrow(n_wide.lo / wide_exp(x_wide.lo).plus_one(), n_wide.hi / wide_exp(x_wide.hi).plus_one());
}

// N(z) = (1 + c) d + c d^2 P(d) near z0 in double (the float kernel): d =
// (z − z0_1) − z0_2 is exact to 2^-53 |d| (z − z0_1 is exact by Sterbenz;
// the floats nearest z0 are 2^-26.2 away, so z0_3 is far below that), and
// the two terms add up without cancellation (the second is at most
// c|d|/(2(1 + c)) < 0.02 of the first): N within 2^-51 relative.
template <class A>
SQUASH_INLINE xsimd::batch<double, A> silu_root_factor(xsimd::batch<double, A> z) noexcept
{
    using C = silu_constants;
    auto d = (z - C::z0_1) - C::z0_2;
    auto p = horner(exp_constants<double>::P, d);
    return fmadd(C::c * d, d * p, C::one_plus_c_hi * d);
}

// silu'(z) = (1 + E(1 + z)) / (1 + E)^2 with E = e^-z, not reflected (E <=
// 2^161.6 at the clamp; z clamped to ±112 too, where silu' is 1 or rounds
// to −0). 1 + z is exact or rounded once with nothing to cancel; the
// numerator 1 + E(1 + z) = E N(z) cancels only near z0, and is replaced by
// E·N(z) from the expansion for |z − z0| < 1/64. Elsewhere its absolute
// error is about 2^-47 E |1 + z| (E's error), relative to |1 + E(1 + z)| =
// E |N| with |N| >= 1.27 |d| >= 2^-5.6: below 2^-41. With the division and
// squares: within 2^-40 of the exact value, so at most 0.5 + 2^-16 ulp.
template <class A>
SQUASH_INLINE xsimd::batch<double, A> silu_grad_wide(xsimd::batch<double, A> x) noexcept
{
    using batch = xsimd::batch<double, A>;
    using C = silu_constants;
    auto z = negate(x);
    auto E = wide_exp(x).value();
    auto d1 = E + 1.0;
    auto numerator = fmadd(E, z + 1.0, batch(1.0));
    auto near_root = xsimd::abs(z - C::z0_1) < batch(C::window_float);
    if (xsimd::any(near_root))
        numerator = xsimd::select(near_root, E * silu_root_factor(z), numerator);
    return numerator / (d1 * d1);
}

template <class A>
SQUASH_INLINE xsimd::batch<float, A> silu_grad_float(xsimd::batch<float, A> z) noexcept
{
    using fbatch = xsimd::batch<float, A>;
    constexpr float range = 112.0f;
    auto x = xsimd::min(xsimd::max(negate(z), fbatch(-range)), fbatch(range));
    auto x_wide = widen(x);
    return narrow(silu_grad_wide(x_wide.lo), silu_grad_wide(x_wide.hi));
}

// ---- double, with double words -------------------------------------------------
// e = e^-|z| = 2^k (E.hi + E.lo), D = 1 + e (detail/logistic_core.hpp, about
// 2^-56 relative), for z clamped to [−760, 64] (see silu_constants).

// silu(z) = z σ(z): σ as a double word (1/D, or E/D times 2^k for z < 0;
// divide_to_word, 2^-104), times z as a double word, rounded once; for z < 0
// the 2^k is applied last, which rounds once more only into the subnormals.
// Within about 2^-55.5 of the exact value before the last rounding: at most
// 0.5 + 2^-2.5 ulp (measured: see the tests). The sign is z's, so silu(−0)
// = −0.
// q·2^k for silu's and silu''s quotients q, which reach |z| ~ 752 rather
// than the q <= 2 that scale_by_pow2k's zeroing below k_zero assumes (silu(z)
// is still a subnormal at z = −751 where 2^k alone is not): one exact
// multiplication by scale = 2^max(k, k_min_scale), then, where k is below
// k_min_scale, one by 2^(k − k_min_scale) (>= 2^-139 for k >= −1097, x_min's
// k), which rounds once into the subnormals.
template <class A>
SQUASH_INLINE xsimd::batch<double, A> silu_scale_by_pow2k(xsimd::batch<double, A> q,
                                                          exp_parts<double, A> const& parts) noexcept
{
    using batch = xsimd::batch<double, A>;
    constexpr double k_min = exp_constants<double>::k_min_scale;
    auto result = q * parts.scale;
    auto below = parts.k < batch(k_min);
    if (xsimd::any(below))
        result = result * pow2(xsimd::select(below, parts.k - k_min, batch(0.0)));
    return result;
}

template <class A>
SQUASH_INLINE xsimd::batch<double, A> silu_double(xsimd::batch<double, A> z) noexcept
{
    using batch = xsimd::batch<double, A>;
    using C = silu_constants;
    auto zc = xsimd::min(xsimd::max(z, batch(C::x_min)), batch(C::saturation));
    auto [parts, E, D] = logistic_terms_of(exp_neg_abs_down_to(zc, C::x_min));
    auto negative = zc < batch(0.0);
    double_word<double, A> numerator{xsimd::select(negative, E.hi, batch(1.0)),
                                     xsimd::select(negative, E.lo, batch(0.0))};
    auto p = multiply(divide_to_word(numerator, D), zc);
    auto result = p.hi + p.lo;
    result = xsimd::select(negative, silu_scale_by_pow2k(result, parts), result);
    result = xsimd::select(z > batch(C::saturation), z, result);
    return with_sign_of(abs_bits(result), z);
}

// N(z) near z0 as a double word (the double kernel): d = z − z0 to 2^-106
// |d| (z − z0_1 exact by Sterbenz; Fast2Sum with −z0_2, whose magnitude
// 2^-53 is below the spacing 2^-52 of z − z0_1 unless that is 0; z0_3 last);
// (1 + c) d as a double-word product; c d^2 P(d) in double (at most 0.03 of
// the first term, so its 2^-52 relative error is 2^-57 of N).
template <class A>
SQUASH_INLINE double_word<double, A> silu_root_factor_word(xsimd::batch<double, A> z) noexcept
{
    using batch = xsimd::batch<double, A>;
    using C = silu_constants;
    auto d = fast_two_sum(opaque(z - C::z0_1), batch(-C::z0_2));
    d.lo = d.lo - C::z0_3;
    auto first = multiply(d, double_word<double, A>{batch(C::one_plus_c_hi), batch(C::one_plus_c_lo)});
    auto second = (C::c * d.hi) * (d.hi * horner(exp_constants<double>::P, d.hi));
    return renormalize(double_word<double, A>{first.hi, first.lo + second});
}

// silu'(z): z >= 0: (D + z e) / D^2; z < 0: 2^k E (D + z) / D^2, where D + z
// = 1 + e + z = N(z). The numerator is a double word: z e as a product of z
// and e = 2^k E (exact scaling: e is normal for k >= −1022, and where it is
// not, z < −708, e is negligible beside z); D.hi + z by TwoSum. For |z − z0|
// < 1/4, N comes from the expansion instead. Elsewhere N's absolute error is
// e's, about 2^-56 e <= 2^-57.8 (e <= 0.28 there), against |N| >= 1.27/4:
// 2^-56.2 relative. Then one double-word product (E N), one corrected
// division by D^2 (a double word), and 2^k last: the value before the last
// rounding is within about 2^-55 of silu'(z), at most 0.5 + 2^-2 ulp.
template <class A>
SQUASH_INLINE xsimd::batch<double, A> silu_grad_double(xsimd::batch<double, A> z) noexcept
{
    using batch = xsimd::batch<double, A>;
    using C = silu_constants;
    auto zc = xsimd::min(xsimd::max(z, batch(C::x_min)), batch(C::saturation));
    auto [parts, E, D] = logistic_terms_of(exp_neg_abs_down_to(zc, C::x_min));
    auto negative = zc < batch(0.0);
    auto z_e = multiply(double_word<double, A>{parts.scale * E.hi, parts.scale * E.lo}, zc);
    auto sum = two_sum(D.hi, xsimd::select(negative, zc, z_e.hi));
    double_word<double, A> N{sum.hi, sum.lo + (D.lo + xsimd::select(negative, batch(0.0), z_e.lo))};
    auto near_root = xsimd::abs(zc - C::z0_1) < batch(C::window_double);
    if (xsimd::any(near_root)) {
        auto root = silu_root_factor_word(zc);
        N = {xsimd::select(near_root, root.hi, N.hi), xsimd::select(near_root, root.lo, N.lo)};
    }
    auto EN = multiply(E, N);
    double_word<double, A> numerator{xsimd::select(negative, EN.hi, N.hi), xsimd::select(negative, EN.lo, N.lo)};
    auto result = divide(numerator, square(D));
    result = xsimd::select(negative, silu_scale_by_pow2k(result, parts), result);
    return xsimd::select(z > batch(C::saturation), batch(1.0), result);
}

}  // namespace detail

struct silu_fn : elementwise_function<silu_fn> {
    static constexpr char const* name = "silu";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        if constexpr (std::is_same_v<T, float>)
            return detail::keep_nan(z, detail::silu_float(z));
        else
            return detail::keep_nan(z, detail::silu_double(z));
    }
};

struct silu_grad_fn : elementwise_function<silu_grad_fn> {
    static constexpr char const* name = "silu_grad";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        if constexpr (std::is_same_v<T, float>)
            return detail::keep_nan(z, detail::silu_grad_float(z));
        else
            return detail::keep_nan(z, detail::silu_grad_double(z));
    }
};

// silu(z) = z·σ(z), the SiLU or swish activation, for float or double, in
// every call form of squash::sigmoid.
//   range      [−0.2784645, +inf]; decreasing on (−inf, z0], increasing on
//              [z0, +inf), z0 = −1.2784645 (its minimum, −0.2784645 = z0 +
//              1, the same number as −W(1/e)); silu(±0) = ±0, silu(+inf) =
//              +inf, silu(−inf) = −0 (the limit, approached from below);
//              silu(z) = z for z > 64 (double); NaN -> the same NaN,
//              quieted; no overflow, invalid or divide-by-zero flag for any
//              other input.
//   float      faithful (within 1 ulp; computed in double, 0.5 + 2^-22 at
//              most), subnormal results included.
//   double     faithful (within 1 ulp), with gradual underflow.
inline constexpr silu_fn silu{};

// silu'(z) = σ(z)(1 + z(1 − σ(z))) = σ(z) + z σ'(z), the derivative of
// squash::silu, taking z, for float or double, in every call form of
// squash::sigmoid.
//   range      [−0.0998, 1.0998]: zero at z0 = −1.2784645 (silu's minimum),
//              negative below it with its minimum −0.0998 at z = −2.3994,
//              maximum 1.0998 at z = 2.3994; silu'(0) = 0.5, silu'(+inf) =
//              1, silu'(−inf) = −0 (approached from below); NaN -> the same
//              NaN, quieted; no overflow, invalid or divide-by-zero flag for
//              any other input.
//   accuracy   faithful (within 1 ulp) for float and double, relative to
//              the exact value, including next to its zero z0, where it is
//              computed from an expansion in z − z0 (no cancellation).
inline constexpr silu_grad_fn silu_grad{};

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
