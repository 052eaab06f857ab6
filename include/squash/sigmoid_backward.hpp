// squash/sigmoid_backward.hpp: the backward pass of the sigmoid and of the bipolar sigmoid
// from their forward output y, fused with the incoming gradient dy:
// squash::sigmoid_backward (dx = dy·y(1 − y)) and
// squash::bipolar_sigmoid_backward (dx = dy·(1 − y²)/2), exact tier.
// SPDX-License-Identifier: MIT
//
// A framework keeps y = σ(z), not z, and computes dx = dy·σ'(z) from it:
// σ'(z) = y(1 − y) and σ₂'(z) = (1 − y²)/2 hold exactly in terms of the
// exact y, and are what the framework's own loop computes. These take y (not
// z: squash::sigmoid_grad takes z), and give the error bounds below relative
// to the exact value of the formula for the y and dy given.
#ifndef SQUASH_SIGMOID_BACKWARD_HPP
#define SQUASH_SIGMOID_BACKWARD_HPP

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/eft.hpp"
#include "detail/exp_core.hpp"
#include "detail/finite.hpp"
#include "elementwise.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// ---- The common step: dx = dy·t for t held as a double word -------------------
// t = lo − minus_hi (the head is kept negated: that is how the formulas
// below produce it without an extra negation, which costs a vector
// operation in a loop that should run at memory speed), with
// |lo| <= 2^-p+1 |t| (p = 24 float, 53 double) and lo − minus_hi within
// 2^-2p+1 |t| of the exact t (see each function below).
//
// With a fused multiply-add: dx = fma(−dy, minus_hi, RN(dy·lo)), one rounding
// of dy·t_hi + RN(dy·t_lo). Before that rounding the value is off the exact
// dy·t by |dy t_lo| 2^-p (the rounding of the small product) plus
// |dy| 2^-2p+1 |t| (t's own error), in all about 2^-2p+2 |dx|; since
// |dx| < 2^p ulp(dx), that is below 2^-p+2 ulp, and the final rounding
// adds half an ulp:
//     |error| <= 0.5 + 2^-p+2 ulp   (float 0.5 + 2^-22, double 0.5 + 2^-51).
// One caveat, underflow: if |dy·t_lo| is below the normal range (2^-126,
// 2^-1022) its rounding errs by up to half the least subnormal, which is
// below 2^-p+1 ulp(dx) wherever |dx| >= 2^-102 (float) or 2^-968 (double),
// and at most half an ulp below that, so there the bound is 1 + 2^-p+2 ulp.
//
// Without one (SSE2): float is computed in double instead (below), and
// double splits dy·minus_hi = p + p_lo exactly (Dekker's product,
// residual(), with dy and t scaled by powers of two into its safe range
// where needed) and rounds (dy·lo − p_lo) − p once at the end: the same
// bounds.
//
// Infinite dy or a NaN: the correction terms are then inf − inf or NaN; such
// lanes (detected after the fact, rarely) take dy·t_hi instead, the plain
// IEEE product (±inf, or NaN for inf·0), and a NaN dy is returned as itself,
// quieted. A NaN y propagates through t as y's NaN, so where dy is a number
// the result is y's NaN, quieted: either way the same bits in every call form.
template <class T, class A>
struct derivative_word {
    xsimd::batch<T, A> minus_hi;  // −t_hi
    xsimd::batch<T, A> lo;        // t_lo
};

// The lanes any_not_finite found, redone: dy·t_hi where dx is not finite,
// dy's NaN where dy is one. Out of line: almost never called.
template <class T, class A>
[[gnu::noinline, gnu::cold]] xsimd::batch<T, A> backward_special_lanes(xsimd::batch<T, A> dy,
                                                                      xsimd::batch<T, A> minus_t_hi,
                                                                      xsimd::batch<T, A> dx) noexcept
{
    return keep_nan(dy, replace_not_finite(dx, negate(dy * minus_t_hi)));
}

// dy·t without FMA: dy·minus_hi = p + p_lo exactly by Dekker's product
// (residual()), then (dy·lo − p_lo) − p, rounded once at the end. Dekker's
// splitting multiplies by 2^27 + 1 and forms products of the halves, so it
// is exact only away from the ends of the exponent range: |dy|, |t| <= 2^900
// and their product >= 2^-900 or so.
template <class A>
SQUASH_INLINE xsimd::batch<double, A> dekker_times_word(xsimd::batch<double, A> dy,
                                                        derivative_word<double, A> t) noexcept
{
    auto p = opaque(dy * t.minus_hi);
    auto minus_p_lo = residual(p, dy, t.minus_hi);  // p − dy·minus_hi
    return opaque(fmadd(dy, t.lo, minus_p_lo)) - p;
}

// The same for lanes with a huge dy (where the splitting would overflow and
// raise the invalid flag) or a tiny dy or t (where the partial products
// would underflow): dy and t are first scaled by powers of two into the safe
// range (exactly), and the result is scaled back, which rounds once more
// only where it is subnormal (below 2^-1022, where the first rounding's
// 2^-53 relative error is far below the subnormal spacing).
template <class A>
[[gnu::noinline, gnu::cold]] xsimd::batch<double, A> dekker_times_word_scaled(xsimd::batch<double, A> dy,
                                                                             derivative_word<double, A> t) noexcept
{
    using batch = xsimd::batch<double, A>;
    auto const huge = batch(0x1p900), tiny = batch(0x1p-500);
    auto dy_scale = xsimd::select(abs_bits(dy) > huge, batch(0x1p-300), batch(1.0));
    dy_scale = xsimd::select(abs_bits(dy) < tiny, batch(0x1p600), dy_scale);
    auto t_scale = xsimd::select(abs_bits(t.minus_hi) < tiny, batch(0x1p600), batch(1.0));
    auto scaled = dekker_times_word(dy * dy_scale, derivative_word<double, A>{t.minus_hi * t_scale, t.lo * t_scale});
    // two steps: 1/(dy_scale t_scale) may be 2^-1200, below the double range
    return (scaled * (1.0 / dy_scale)) * (1.0 / t_scale);
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> times_word(xsimd::batch<T, A> dy, derivative_word<T, A> t) noexcept
{
    using batch = xsimd::batch<T, A>;
    xsimd::batch<T, A> dx;
    if constexpr (has_fused_fma<A>) {
        dx = fnmadd(dy, t.minus_hi, dy * t.lo);
    } else {
        static_assert(std::is_same_v<T, double>, "float without FMA is computed in double");
        // (zeros need no scaling: their products are exact)
        auto const tiny = batch(0x1p-500);
        auto const outside = abs_bits(dy) > batch(0x1p900) || (abs_bits(dy) < tiny && dy != batch(0.0)) ||
                             (abs_bits(t.minus_hi) < tiny && t.minus_hi != batch(0.0));
        if (xsimd::any(outside))
            dx = dekker_times_word_scaled(dy, t);
        else
            dx = dekker_times_word(dy, t);
    }
    if (any_not_finite(dx))
        dx = backward_special_lanes(dy, t.minus_hi, dx);
    return dx;
}

// ---- sigmoid: t = y(1 − y) -------------------------------------------------
// For y in [−1, 1] (σ's outputs are in [0, 1]), with t' = y(y − 1) = −t:
//   y − 1 = w_hi + w_lo exactly (Fast2Sum of −1 and y, |−1| >= |y|);
//   y·w_hi = t'_hi − m exactly (m = t'_hi − y·w_hi: residual, exact, as
//            y·w_hi is either y itself, when w_hi = −1, or at least 2^-p-2
//            in magnitude, far above underflow);
//   t = −t' = −t'_hi + (t'_hi − t'), and t'_hi − t' = m − y·w_lo is rounded
//            once (fnmadd), with |m − y·w_lo| <= 2^-p+1 |t|, so its rounding
//            is below 2^-2p+1 |t|: minus_hi = t'_hi, lo = RN(m − y·w_lo).
// No cancellation: y(1 − y) is never formed as a difference of nearby values.
template <class T, class A>
SQUASH_INLINE derivative_word<T, A> sigmoid_derivative_from_output(xsimd::batch<T, A> y) noexcept
{
    auto w_hi = opaque(y - T(1));
    auto w_lo = y - opaque(w_hi + T(1));  // w_hi + 1 is exact, and so is the rest
    auto t_hi_negated = opaque(y * w_hi);
    auto m = residual(t_hi_negated, y, w_hi);
    return {t_hi_negated, fnmadd(y, w_lo, m)};
}

// ---- bipolar sigmoid: t = (1 − y²)/2 -------------------------------------------
// For y in [−1, 1], with t' = y²/2 − 1/2 = −t and h = y/2 (exact, except for
// a subnormal y, where y² is below 2^-252 and does not matter):
//   y·h = q_hi − r exactly (r = residual(q_hi, y, h), exact as above);
//   q_hi − 1/2 = s + s_lo exactly (Fast2Sum of −1/2 and q_hi, q_hi <= 1/2;
//            s_lo = 0 when q_hi >= 1/4, by Sterbenz);
//   t' = s + (s_lo − r), renormalized by Fast2Sum into S + S_lo: |s_lo − r|
//            <= |s|/2 (when q_hi >= 1/4, |r| <= ulp(q_hi)/2 <= |s|/2 because
//            s, a nonzero multiple of ulp(q_hi), is at least that ulp);
//   t = −S − S_lo: minus_hi = S, lo = −S_lo, computed as (S − s) − (s_lo − r).
// Without the renormalization, the low part could be half of t near |y| =
// 1, and the rounding of dy·t_lo would cost up to an ulp; with it, the word
// is within 2^-2p+1 |t| of (1 − y²)/2, and near |y| = 1 nothing cancels:
// y² is split exactly before 1/2 − y²/2 is formed.
template <class T, class A>
SQUASH_INLINE derivative_word<T, A> bipolar_derivative_from_output(xsimd::batch<T, A> y) noexcept
{
    auto h = y * T(0.5);
    auto q_hi = opaque(y * h);
    auto r = residual(q_hi, y, h);  // q_hi − y·h
    auto s = opaque(q_hi - T(0.5));
    auto s_lo = q_hi - opaque(s + T(0.5));
    auto e = opaque(s_lo - r);
    auto S = opaque(s + e);
    return {S, opaque(S - s) - e};
}

// ---- float without FMA: in double, rounded once ------------------------------
// Every float is a double and the product of two floats is exact in double,
// so y·y is exact, y − y² and 1 − y² are rounded once (2^-53), and the
// product with dy once more: within 2^-51.99 relative, no cancellation, no
// over- or underflow for any finite floats (the largest product is below
// 2^384, the smallest nonzero one above 2^-300). Rounded to float: within
// 0.5 + 2^-27.9 ulp of the exact value, for every finite dy and y.
template <class F, class A>
SQUASH_INLINE xsimd::batch<float, A> backward_in_double(xsimd::batch<float, A> dy, xsimd::batch<float, A> y) noexcept
{
    auto dy_wide = widen(dy);
    auto y_wide = widen(y);
    auto dx = narrow(F::wide(dy_wide.lo, y_wide.lo), F::wide(dy_wide.hi, y_wide.hi));
    return keep_nan(dy, dx);  // otherwise propagated as described above
}

struct sigmoid_backward_in_double {
    template <class A>
    SQUASH_INLINE static xsimd::batch<double, A> wide(xsimd::batch<double, A> dy, xsimd::batch<double, A> y) noexcept
    {
        return dy * opaque(fnmadd(y, y, y));  // opaque: -ffast-math may not distribute dy
    }
};

struct bipolar_sigmoid_backward_in_double {
    template <class A>
    SQUASH_INLINE static xsimd::batch<double, A> wide(xsimd::batch<double, A> dy, xsimd::batch<double, A> y) noexcept
    {
        using batch = xsimd::batch<double, A>;
        return dy * opaque(fnmadd(y, y, batch(1.0)) * 0.5);  // the halving is exact
    }
};

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> sigmoid_backward_kernel(xsimd::batch<T, A> dy, xsimd::batch<T, A> y) noexcept
{
    if constexpr (std::is_same_v<T, float> && !has_fused_fma<A>)
        return backward_in_double<sigmoid_backward_in_double>(dy, y);
    else
        return times_word(dy, sigmoid_derivative_from_output(y));
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> bipolar_sigmoid_backward_kernel(xsimd::batch<T, A> dy,
                                                                 xsimd::batch<T, A> y) noexcept
{
    if constexpr (std::is_same_v<T, float> && !has_fused_fma<A>)
        return backward_in_double<bipolar_sigmoid_backward_in_double>(dy, y);
    else
        return times_word(dy, bipolar_derivative_from_output(y));
}

}  // namespace detail

struct sigmoid_backward_fn : backward_function<sigmoid_backward_fn> {
    static constexpr char const* name = "sigmoid_backward";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> dy, xsimd::batch<T, A> y) noexcept
    {
        return detail::sigmoid_backward_kernel(dy, y);
    }
};

struct bipolar_sigmoid_backward_fn : backward_function<bipolar_sigmoid_backward_fn> {
    static constexpr char const* name = "bipolar_sigmoid_backward";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> dy, xsimd::batch<T, A> y) noexcept
    {
        return detail::bipolar_sigmoid_backward_kernel(dy, y);
    }
};

// The backward pass of the sigmoid from its OUTPUT y = σ(z) (what a framework
// saves), fused with the incoming gradient: dx = dy·y(1 − y) = dy·σ'(z).
// Takes y, not z: squash::sigmoid_grad(z) takes z.
//   dx = f(dy, y)              one pair (float or double)
//   dx = f(dy_batch, y_batch)  one xsimd register of each
//   f(dy, y, dx)               three contiguous ranges of one size; dx may be
//                              the same memory as dy or as y (in place); a
//                              size mismatch or any other overlap throws
//                              std::invalid_argument before writing
//   f(dy_ptr, y_ptr, dx_ptr, n), f(Arch{}, ...)  as for squash::sigmoid
//   bound      for y in [−1, 1] (σ's outputs lie in [0, 1]) and any finite
//              dy, within 0.5 + 2^-21 ulp (float) or 0.5 + 2^-50 ulp
//              (double) of the exact dy·y(1 − y), where |dx| >= 2^-102
//              (float) or 2^-968 (double); below that, in the underflow
//              range, within 1 + 2^-21 ulp. Nothing cancels: 1 − y and
//              y(1 − y) are carried as double words.
//   special    dy = ±inf gives the IEEE product dy·y(1 − y) (±inf, or NaN
//              where y(1 − y) = 0); a NaN dy gives that NaN, quieted; a NaN
//              y (with a non-NaN dy) gives y's NaN, quieted. No overflow,
//              invalid or divide-by-zero flag for finite dy and y in [−1, 1].
inline constexpr sigmoid_backward_fn sigmoid_backward{};

// The backward pass of the bipolar sigmoid from its OUTPUT y = σ₂(z):
// dx = dy·(1 − y²)/2 = dy·σ₂'(z), in the call forms of
// squash::sigmoid_backward, with its bounds for y in [−1, 1] (σ₂'s range)
// and its special values. Nothing cancels near |y| = 1: y² is split exactly
// before 1 − y² is formed.
inline constexpr bipolar_sigmoid_backward_fn bipolar_sigmoid_backward{};

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
