// squash/softplus.hpp: softplus(z) = log(1 + e^z) and log_sigmoid(z) = log σ(z) = −softplus(−z),
// exact tier (faithful: within 1 ulp), float and double: the function
// objects squash::softplus and squash::log_sigmoid.
// SPDX-License-Identifier: MIT
//
// Both come from one formula without overflow or cancellation:
//     softplus(z) = max(z, 0) + log1p(e^-|z|),
// a sum of two terms of one sign (log_sigmoid(z) = min(z, 0) − log1p(e^-|z|)
// is its mirror image, computed as −softplus(−z) with the sign flipped on
// the bits, which is exact). Never log(σ(z)) from a rounded σ: in float that
// is log(0) = −inf from z = −103.9 on (and inexact long before), where
// log σ(z) = z − log1p(e^z) is an ordinary number; binary cross-entropy
// needs exactly this.
#ifndef SQUASH_SOFTPLUS_HPP
#define SQUASH_SOFTPLUS_HPP

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/double_word.hpp"
#include "detail/exp_core.hpp"
#include "detail/log1p_core.hpp"
#include "detail/logistic_core.hpp"
#include "detail/wide_exp.hpp"
#include "elementwise.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// −x on the bits (exact, −0 for +0), which -ffast-math cannot fold.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> flip_sign(xsimd::batch<T, A> x) noexcept
{
    using int_batch = xsimd::batch<bits_t<T>, A>;
    return from_bits<T, A>(to_bits(x) ^ int_batch(std::numeric_limits<bits_t<T>>::min()));
}

// wide_exp's range (|x| <= 112): beyond it, e^x and e^-x are far outside
// anything a float result can resolve (e^-112 < 2^-161).
inline constexpr float wide_exp_range = 112.0f;

// float, in double: e = e^-|z| for |z| clamped to 112 (beyond, e <= 2^-161.6
// changes no float result: softplus(z) = z for z > 112, and < 2^-161 for z <
// −112, which rounds to +0), relative error 2^-47 (wide_exp); log1p(e) to
// 2^-49.5 more (log1p_in_double); the sum with max(z, 0) >= 0 adds one
// rounding of two terms of one sign. The double result is within 2^-46.5 of
// softplus(z), and rounding it to float gives at most 0.5 + 2^-22.5 ulp:
// faithful, and correctly rounded except within 2^-22.5 ulp of a midpoint.
// Infinite z: max(+inf, 0) + log1p(e) = +inf, max(−inf, 0) = 0: no flag.
template <class A>
SQUASH_INLINE xsimd::batch<double, A> softplus_wide(xsimd::batch<double, A> z, xsimd::batch<double, A> x) noexcept
{
    using batch = xsimd::batch<double, A>;
    return xsimd::max(z, batch(0.0)) + log1p_in_double(wide_exp(x).value());
}

template <class A>
SQUASH_INLINE xsimd::batch<float, A> softplus_float(xsimd::batch<float, A> z) noexcept
{
    using fbatch = xsimd::batch<float, A>;
    auto x = xsimd::max(negative_abs(z), fbatch(-wide_exp_range));
    auto z_wide = widen(z);
    auto x_wide = widen(x);
    return narrow(softplus_wide(z_wide.lo, x_wide.lo), softplus_wide(z_wide.hi, x_wide.hi));
}

// double, with double words: e = e^-|z| = 2^k (E.hi + E.lo) (exp_core: about
// 2^-56 relative); L = log1p(e) as a double word (log1p_word: 2^-58 more);
// softplus = max(z, 0) + L by TwoSum, rounded once. An error of e passes to
// L at most 1:1 and to the sum less, so the value before the last rounding
// is within about 2^-55.5 of softplus(z): at most 0.5 + 2^-2.5 ulp, faithful.
// Special ranges:
//   k < −60 (z < −41.6): log1p(e) = e (1 − e/2 + ...) is e to 2^-61, and e
//     itself is rounded once, into the subnormals if need be (z < −708.4),
//     as σ's negative side is (scale_by_pow2k);
//   z > 64: softplus(z) = z + e with e < 2^-92 < ulp(z)/2: the result is z
//     (+inf for +inf); the arithmetic runs on min(z, 64), so no inf − inf
//     and no invalid flag.
template <class A>
SQUASH_INLINE xsimd::batch<double, A> softplus_double(xsimd::batch<double, A> z) noexcept
{
    using batch = xsimd::batch<double, A>;
    constexpr double saturation = 64.0;
    constexpr double tiny_k = -60.0;
    auto parts = exp_neg_abs(z);
    auto E = fast_two_sum(batch(1.0), parts.m.hi);
    E.lo = E.lo + parts.m.lo;
    double_word<double, A> e{parts.scale * E.hi, parts.scale * E.lo};
    auto L = log1p_word(e);
    auto a = xsimd::min(xsimd::max(z, batch(0.0)), batch(saturation));
    auto sum = two_sum(a, L.hi);
    auto result = sum.hi + opaque(sum.lo + L.lo);
    auto tiny = parts.k < batch(tiny_k);
    if (xsimd::any(tiny))
        result = xsimd::select(tiny && z < batch(0.0), scale_by_pow2k(E.hi + E.lo, parts), result);
    return xsimd::select(z > batch(saturation), z, result);
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> softplus_core(xsimd::batch<T, A> z) noexcept
{
    if constexpr (std::is_same_v<T, float>)
        return softplus_float(z);
    else
        return softplus_double(z);
}

}  // namespace detail

struct softplus_fn : elementwise_function<softplus_fn> {
    static constexpr char const* name = "softplus";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        return detail::keep_nan(z, detail::softplus_core(z));
    }
};

struct log_sigmoid_fn : elementwise_function<log_sigmoid_fn> {
    static constexpr char const* name = "log_sigmoid";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        return detail::keep_nan(z, detail::flip_sign(detail::softplus_core(detail::flip_sign(z))));
    }
};

// softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|), the smooth ReLU
// and the antiderivative of σ (d/dz softplus(z) = σ(z)), for float or
// double, in every call form of squash::sigmoid.
//   range      [+0, +inf]; increasing; softplus(0) = ln 2, softplus(+inf) =
//              +inf, softplus(−inf) = +0, softplus(z) = z for z > 64
//              (double); NaN -> the same NaN, quieted; no
//              overflow, invalid or divide-by-zero flag for any other input.
//   float      faithful (within 1 ulp; computed in double, measured 0.5 +
//              2^-22 at most), subnormal results included (z < −87.3).
//   double     faithful (within 1 ulp), with gradual underflow (z < −708.4).
inline constexpr softplus_fn softplus{};

// log σ(z) = −softplus(−z) = min(z, 0) − log1p(e^-|z|), the log-probability
// of a logistic output: binary cross-entropy from a logit z is
// −(y log σ(z) + (1 − y) log σ(−z)) = −(y log_sigmoid(z) + (1 − y)
// log_sigmoid(−z)), finite for every finite z. Never log of a rounded σ.
//   range      [−inf, −0]; increasing; log_sigmoid(0) = −ln 2,
//              log_sigmoid(−inf) = −inf, log_sigmoid(+inf) = −0 (the exact
//              value is negative, below half the least subnormal: its
//              correct rounding is −0), log_sigmoid(z) = z for z < −64;
//              NaN -> the same NaN, quieted; no overflow, invalid or
//              divide-by-zero flag for any other input.
//   bounds     those of squash::softplus (it is computed as −softplus(−z)).
inline constexpr log_sigmoid_fn log_sigmoid{};

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
