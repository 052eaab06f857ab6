// squash/fast.hpp: the fast tier, squash::fast::sigmoid, sigmoid_grad and
// bipolar_sigmoid.
// SPDX-License-Identifier: MIT
//
// The fast tier: squash::fast::sigmoid, sigmoid_grad and bipolar_sigmoid.
// Within 4 ulps instead of 1, for speed, and still without the usual
// defects of fast sigmoids: monotone, exactly symmetric, in range,
// saturating cleanly, NaN in gives that NaN out, no overflow or invalid
// flag, and no slowdown on large inputs: no normal input makes the kernels
// compute a subnormal number (on which the CPU slows down 2-5x). Results
// whose exact value is below the normal range are flushed to +0 by the
// kernel itself (σ, σ'); the CPU's floating-point mode (MXCSR) is never
// read or changed. If the caller has set flush-to-zero / denormals-are-zero
// (e.g. -ffast-math's startup code), the only difference is that σ₂'s
// subnormal results become ±0 and subnormal inputs count as ±0.
//
// The exponential and the instruction-set-specific pieces are in
// detail/fast_exp.hpp and detail/fast_x86.hpp.
#ifndef SQUASH_FAST_HPP
#define SQUASH_FAST_HPP

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/exp_core.hpp"
#include "detail/fast_exp.hpp"
#include "detail/fast_x86.hpp"
#include "elementwise.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// σ(w) = 1 / (1 + e^-w) for w in [z_normal_min, z_one] (or NaN), the
// portable path: e^-w = 2^n (1 − m), 2^n times anything is exact, and
//   d = 1 + e^-w = (1 + 2^n) − 2^n m.
// With FMA that is one fused operation on 1 + 2^n, which is exact for
// |n| < p (p = 24 or 53, the precision): d is then 1 + e^-w rounded once,
// and it falls as m rises (monotone within an n; across, because the exact
// 1 + 2^n (1 − m) does). 1 + 2^n is computed beside the polynomial, so the
// chain is one operation shorter than fmadd(2^n, 1 − m, 1), which rounds
// 1 − m first: measured 4% faster for double on AVX2 (paired runs, Zen 4),
// and more accurate (grids of 2*10^6 doubles on [-10, 1]: 1.64 ulps, was
// 2.02). For n >= p, 1 + 2^n rounds to 2^n: an error below 1.42 * 2^-p of
// d. For n <= -p (z >= 36.4 in double, 16.3 in float) 1 + 2^n and d round to
// 1 and σ to 1, within 1.42 ulps of the exact σ, 1 − e^-z.
// Without FMA, 1 − m is rounded and d = 1 + 2^n (1 − m) rounded once more.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_sigmoid_portable(xsimd::batch<T, A> w) noexcept
{
    using batch = xsimd::batch<T, A>;
    auto e = fast_exp_neg(w);
    if constexpr (has_fused_fma<A>)
        return divide(batch(T(1)), fnmadd(e.pow2n, e.m, e.pow2n + batch(T(1))));
    else
        return divide(batch(T(1)), fmadd(e.pow2n, batch(T(1)) - e.m, batch(T(1))));
}

// σ(w) for w in [z_normal_min, z_one] (or NaN): the AVX2 table path where
// the arch has it, the portable one elsewhere.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_sigmoid_clamped(xsimd::batch<T, A> w) noexcept
{
#if SQUASH_FAST_X86 && defined(__AVX2__)
    if constexpr (fast_uses_avx2_table<T, A>)
        return fast_sigmoid_avx2(w);
    else
#endif
        return fast_sigmoid_portable(w);
}

// σ(z) = 1 / (1 + e^-z), not reflected: e^-z is computed directly (one
// formula for all z, whose result moves the right way whenever e^-z does).
// u = min(z, z_one) clamps where σ already rounds to 1 (keeping e^-z
// normal); u < z_normal_min exactly where z is, and there the exact σ is
// subnormal and the result +0: those lanes are clamped to z_normal_min for
// the arithmetic and zeroed after (a masked division on AVX-512).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_sigmoid_kernel(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    using C = fast_constants<T>;
    auto u = min_keep_nan(batch(C::z_one), z);
    auto w = max_keep_nan(batch(C::z_normal_min), u);
#if SQUASH_FAST_X86
    if constexpr (fast_uses_avx512<A>) {
        auto y = divide_where<T>(not_below_mask(u, batch(C::z_normal_min)), batch(T(1)), logistic_denominator(w));
        if constexpr (fast_nan_is_carried<A>)
            return y;
        else
            return keep_nan(z, y);
    } else
#endif
        if constexpr (fast_nan_is_carried<A>)
        return fast_sigmoid_clamped(w) & not_below(u, batch(C::z_normal_min));
    else
        return keep_nan(z, xsimd::select(u >= batch(C::z_normal_min), fast_sigmoid_clamped(w), batch(T(0))));
}

// σ'(z) = σ(z)(1 − σ(z)) = y − y² with y = σ(−|z|) ∈ [0, 1/2]: one fused
// operation on a y that only falls as |z| grows, and y − y² is increasing
// on [0, 1/2], so σ' is non-increasing in |z|; it depends on |z| only, so
// σ'(−z) = σ'(z) bit for bit. Its error is at most y's (the factor
// (1 − 2y)/(1 − y) <= 1) plus the fused rounding. Beyond |z| =
// −z_normal_min the exact σ' is subnormal (the same threshold as σ's, to the
// last bit: tools/fit_fast_constants.py) and the result is +0.
// −|z| is min(−z, z), which is z itself for a NaN z (an OR of the sign bit
// would lose the sign of the NaN).
// y = σ(−|z|), flushed to +0 where it is subnormal (NaN carried where
// fast_nan_is_carried, else whatever: the callers finish with keep_nan).
// Also the shared half of fast::sigmoid_with_grad (fast_training.hpp).
// Zeroing y before y − y² gives the same bits as zeroing after: y − y² of
// +0 is +0.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_sigmoid_of_minus_abs(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    using C = fast_constants<T>;
    using int_batch = xsimd::batch<bits_t<T>, A>;
    auto minus_z = from_bits<T, A>(to_bits(z) ^ int_batch(std::numeric_limits<bits_t<T>>::min()));
    auto u = min_keep_nan(minus_z, z);
    auto w = max_keep_nan(batch(C::z_normal_min), u);
#if SQUASH_FAST_X86
    if constexpr (fast_uses_avx512<A>)
        return divide_where<T>(not_below_mask(u, batch(C::z_normal_min)), batch(T(1)), logistic_denominator(w));
    else
#endif
        if constexpr (fast_nan_is_carried<A>)
        return fast_sigmoid_clamped(w) & not_below(u, batch(C::z_normal_min));
    else
        return xsimd::select(u >= batch(C::z_normal_min), fast_sigmoid_clamped(w), batch(T(0)));
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_sigmoid_grad_kernel(xsimd::batch<T, A> z) noexcept
{
    auto y = fast_sigmoid_of_minus_abs(z);
    if constexpr (fast_nan_is_carried<A>)
        return fnmadd(y, y, y);
    else
        return keep_nan(z, fnmadd(y, y, y));
}

// σ₂(z) = 2σ(z) − 1 = tanh(z/2) = (1 − E)/(1 + E), E = e^-|z|, with z's sign
// copied (so σ₂(−z) = −σ₂(z) bit for bit). Never 2σ − 1, which cancels
// near 0: with E = 2^n (1 − m), n <= 0, m = 1 − e^-r to full relative
// precision (detail/fast_exp.hpp),
//   N = 1 − E = (1 − 2^n) + 2^n m,
// where 1 − 2^n is exact; for n = 0 (|z| < ln2/2) N = m, no cancellation at
// all, and otherwise N >= 0.29. One fused operation rounds N, D = 2 − N,
// and σ₂ = N/D. Subnormal z give the subnormal |z|/2 rounded (gradual, not
// flushed). A NaN z gives N = |z| quieted, and copying z's sign restores z.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_bipolar_sigmoid_kernel(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    using C = fast_constants<T>;
    auto e = fast_exp_neg<has_fused_fma<A>>(min_keep_nan(batch(C::z_one), abs_bits(z)));
    auto numerator = fmadd(e.pow2n, e.m, batch(T(1)) - e.pow2n);
    auto result = with_sign_of(divide(numerator, batch(T(2)) - numerator), z);
    if constexpr (fast_nan_is_carried<A>)
        return result;
    else
        return keep_nan(z, result);
}

}  // namespace detail

namespace fast {

struct sigmoid_fn : elementwise_function<sigmoid_fn> {
    static constexpr char const* name = "fast::sigmoid";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        return detail::fast_sigmoid_kernel(z);
    }
};

struct sigmoid_grad_fn : elementwise_function<sigmoid_grad_fn> {
    static constexpr char const* name = "fast::sigmoid_grad";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        return detail::fast_sigmoid_grad_kernel(z);
    }
};

struct bipolar_sigmoid_fn : elementwise_function<bipolar_sigmoid_fn> {
    static constexpr char const* name = "fast::bipolar_sigmoid";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        return detail::fast_bipolar_sigmoid_kernel(z);
    }
};

// σ(z) = 1 / (1 + e^-z), float or double, in every call form of
// squash::sigmoid. Within 4 ulps wherever the exact result is normal
// (z >= -87.33654 in float, z >= -708.3964 in double); below, where the
// exact σ is subnormal, the result is +0 (flushed by the kernel; the CPU's
// floating-point mode is not touched). Values in [0, 1], non-decreasing in
// z; σ(+inf) = 1, σ(-inf) = 0; NaN in gives that NaN out, quieted. Raises no
// overflow, invalid or divide-by-zero flag for a non-NaN input.
inline constexpr sigmoid_fn sigmoid{};

// σ'(z) = σ(z)(1 − σ(z)), taking z. Within 4 ulps wherever the exact result
// is normal (|z| <= 87.33654 in float, 708.3964 in double); beyond, +0
// (flushed). Values in [0, 1/4], non-increasing in |z|, σ'(−z) = σ'(z) bit
// for bit, σ'(±inf) = 0; NaN and flags as sigmoid.
inline constexpr sigmoid_grad_fn sigmoid_grad{};

// σ₂(z) = 2σ(z) − 1 = tanh(z/2). Within 4 ulps for normal results; the
// subnormal results (|z| < 2^-125 in float, 2^-1021 in double) are within one
// subnormal ulp: gradual, not flushed. Values in [−1, 1], non-decreasing,
// σ₂(−z) = −σ₂(z) bit for bit (so σ₂(±0) = ±0), σ₂(±inf) = ±1; NaN and flags
// as sigmoid.
inline constexpr bipolar_sigmoid_fn bipolar_sigmoid{};

}  // namespace fast

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
