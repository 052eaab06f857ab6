// squash/detail/exp_core.hpp: e^-|z| as 2^k times a double word, for the
// double kernels of the exact tier; and keep_nan, which every kernel ends with.
// SPDX-License-Identifier: MIT
//
// The exponential that all three logistic functions share: e^x for x <= 0,
// returned in pieces precise enough for the callers to round only once.
//
//   e^x = 2^k * (1 + m),   m = m.hi + m.lo = expm1(r),   x = k*ln2 + r.
//
// Keeping m instead of 1 + m matters twice: 1 + m carries ~2x working
// precision as a double word, and bipolar_sigmoid needs e^x - 1 for tiny |x|,
// where 1 + m has already lost it.
#ifndef SQUASH_DETAIL_EXP_CORE_HPP
#define SQUASH_DETAIL_EXP_CORE_HPP

#include <limits>

#include "eft.hpp"
#include "finite.hpp"
#include "polynomial.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

// Constants and fits come from tools/fit_constants.py (mpmath, 200 bits).
// P(r) = (e^r - 1 - r) / r^2 is fitted on [-0.347, 0.347] ⊃ [-ln2/2, ln2/2]
// (Chebyshev, near minimax); the error quoted is that of the polynomial with
// its coefficients rounded to T, measured against the exact P.
template <class T>
struct exp_constants;

template <>
struct exp_constants<float> {
    static constexpr float log2e = 0x1.715476p+0f;
    // ln2 = ln2_hi + ln2_lo + 5.5e-14; ln2_hi has 16 bits, so k*ln2_hi is
    // exact for |k| < 2^8.
    static constexpr float ln2_hi = 0x1.62e4p-1f;
    static constexpr float ln2_lo = 0x1.7f7d1cp-20f;
    // Below x_min, e^x < 2^-150 (half the least subnormal): every function
    // result is 0 or saturated, so x is clamped there; this also keeps
    // inf out of the arithmetic.
    static constexpr float x_min = -104.0f;
    // Round-to-integer by adding 1.5*2^23; the 127 puts the IEEE exponent
    // bias in the low bits, so (bits << 23) is already 2^k.
    static constexpr float round_magic = 0x1.8p23f + 127.0f;
    static constexpr int mantissa_bits = 23;
    // scale = 2^max(k, k_min_scale) (see exp_parts); 2^k q rounds to 0 for
    // k < k_zero and q <= 2 (2^-150 is half the least subnormal; a tie
    // rounds to the even 0).
    static constexpr float k_min_scale = -94.0f;
    static constexpr float k_zero = -149.0f;
    // Degree 5, |P_fit - P| <= 2^-27.7 (float needs ~2^-26: r^2*P is at most
    // 0.06 of a result near 1).
    static constexpr float P[] = {0x1p-1f,         0x1.555556p-3f,  0x1.5554e8p-5f,
                                  0x1.1110ep-7f,   0x1.6d43d2p-10f, 0x1.a1258cp-13f};
};

template <>
struct exp_constants<double> {
    static constexpr double log2e = 0x1.71547652b82fep+0;
    // ln2_hi has 42 bits: k*ln2_hi exact for |k| < 2^11; residual 2e-31.
    static constexpr double ln2_hi = 0x1.62e42fefa38p-1;
    static constexpr double ln2_lo = 0x1.ef35793c7673p-45;
    // e^-746 < 2^-1075, half the least subnormal.
    static constexpr double x_min = -746.0;
    static constexpr double round_magic = 0x1.8p52 + 1023.0;
    static constexpr int mantissa_bits = 52;
    static constexpr double k_min_scale = -958.0;
    static constexpr double k_zero = -1075.0;
    // Degree 10, |P_fit - P| <= 2^-58.5 (double needs ~2^-55).
    static constexpr double P[] = {0x1p-1,
                                   0x1.5555555555557p-3,
                                   0x1.5555555555556p-5,
                                   0x1.11111111100b6p-7,
                                   0x1.6c16c16c162bfp-10,
                                   0x1.a01a01abfc8ddp-13,
                                   0x1.a01a01a6e448ep-16,
                                   0x1.71de01f07539bp-19,
                                   0x1.27e4db3f36203p-22,
                                   0x1.af4e70dd7207dp-26,
                                   0x1.1f7350a074034p-29};
};

// 2^k for an integral k held in a T, given t = k + round_magic as produced
// by the rounding step. Valid for k >= -126 (float) or -1022 (double).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> pow2_from_magic(xsimd::batch<T, A> t) noexcept
{
    return from_bits<T, A>(to_bits(t) << exp_constants<T>::mantissa_bits);
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> pow2(xsimd::batch<T, A> k) noexcept
{
    return pow2_from_magic(opaque(k + exp_constants<T>::round_magic));
}

// The power of two of e^x = 2^k * (...), in the two forms the callers use.
// 2^floor(k), for 2^floor(k) normal: one vscalefpd (vscalefps) on AVX-512,
// for any k; elsewhere pow2(k), for integral k only. (Not xsimd::floor: on
// SSE2 xsimd emulates it with an addition and a subtraction that
// -ffast-math folds away.)
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> pow2_floor(xsimd::batch<T, A> k) noexcept
{
#if XSIMD_WITH_AVX512F
    if constexpr (std::is_base_of_v<xsimd::avx512f, A>) {
        if constexpr (std::is_same_v<T, float>)
            return _mm512_scalef_ps(xsimd::batch<T, A>(1.0f), k);
        else
            return _mm512_scalef_pd(xsimd::batch<T, A>(1.0), k);
    } else
#endif
    {
        return pow2(k);
    }
}

template <class T, class A>
struct pow2_parts {
    // The exponent: integral, except from exp_neg_abs_table on AVX-512,
    // where it is n/16 and its floor is the exponent. The callers compare it
    // with integers (the same answers either way) and take 2^k by
    // pow2_floor.
    xsimd::batch<T, A> k;
    // 2^max(floor(k), k_min_scale). The callers multiply it into the rest of e and
    // add that to 1 (logistic_core): with the floor 64 binades above the
    // least normal, every such product and its rounding error stay normal
    // even for z = -inf or -1e4 (masked logits), on which subnormal
    // arithmetic would slow the kernels several times; for the sums, e below
    // 2^k_min_scale is as good as any smaller value (far under an ulp of 1).
    // Results that need the true 2^k get it last, from scale_by_pow2k.
    xsimd::batch<T, A> scale;
};

template <class T, class A>
struct exp_parts : pow2_parts<T, A> {
    double_word<T, A> m;         // expm1(x - k*ln2), |m| < 0.42
};

// e^-|z|. x = -|z| is clamped to x_min (exp_constants<T>::x_min in
// exp_neg_abs below; silu and silu' clamp lower, silu_constants::x_min in
// silu.hpp, which is valid while |k| < 2^11, k·ln2_hi exact, for double: x_min >=
// −1400); NaN passes through (max returns its second operand when either is
// NaN, on every xsimd target).
template <class T, class A>
SQUASH_INLINE exp_parts<T, A> exp_neg_abs_down_to(xsimd::batch<T, A> z, T x_min) noexcept
{
    using C = exp_constants<T>;
    using batch = xsimd::batch<T, A>;
    auto x = xsimd::max(batch(x_min), negative_abs(z));

    auto t = opaque(fmadd(x, batch(C::log2e), batch(C::round_magic)));
    auto k = t - C::round_magic;

    // Cody-Waite: x - k*ln2_hi is exact (Sterbenz), k*ln2_lo is tiny, and
    // Fast2Sum keeps what the subtraction of it rounds away.
    auto reduced = fnmadd(k, batch(C::ln2_hi), x);
    auto [r, r_lo] = fast_two_sum(reduced, opaque(k * -C::ln2_lo));

    // expm1(r + r_lo) = r + r^2 P(r) + r_lo (1 + r) + O(r r_lo^2), P by
    // the second-order Horner (detail/polynomial.hpp: the chain of 10
    // dependent operations, not their number, bounds these kernels).
    auto r2 = r * r;
    auto tail = fmadd(r2, polynomial(C::P, r, r2), fmadd(r_lo, r, r_lo));
    auto m = fast_two_sum(r, tail);

    auto k_scale = xsimd::max(k, batch(C::k_min_scale));
    return {{k, pow2(k_scale)}, m};
}

template <class T, class A>
SQUASH_INLINE exp_parts<T, A> exp_neg_abs(xsimd::batch<T, A> z) noexcept
{
    return exp_neg_abs_down_to(z, exp_constants<T>::x_min);
}

// NaN in gives the same NaN out, quieted: the quiet bit set, sign and payload
// kept, which is what an arithmetic operation on x86 returns for it.
// Without this, which of the NaNs inside a kernel surfaces (that of z, or the
// sign-flipped one of -|z|) would depend on how the compiler ordered
// commutative operations, and differ between call forms. Both the test and
// the quieting are done on the bits, for two reasons: an optimizer may
// substitute the operands of a floating-point z + 0 (GCC -O2 returned the NaN
// of -|z|), and -ffinite-math-only folds z != z to false.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> keep_nan_lanes(xsimd::batch<T, A> z, xsimd::batch<T, A> result) noexcept
{
    using int_batch = xsimd::batch<bits_t<T>, A>;
    constexpr auto quiet_bit = bits_t<T>(1) << (std::numeric_limits<T>::digits - 2);
    auto bits = to_bits(z);
    auto magnitude = bits & int_batch(std::numeric_limits<bits_t<T>>::max());
    auto quieted = bits | int_batch(quiet_bit);
    return from_bits<T, A>(select_if_greater(magnitude, int_batch(infinity_bits<T>), quieted, to_bits(result)));
}

// With AVX-512DQ, one vfpclass finds the NaN lanes and the four operations
// above run only in a batch that has one (a branch almost never taken;
// measured on the double σ kernel: 1.29 -> 1.23 ns per element); elsewhere
// they run on every batch.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> keep_nan(xsimd::batch<T, A> z, xsimd::batch<T, A> result) noexcept
{
#if defined(__AVX512DQ__)
    if constexpr (std::is_base_of_v<xsimd::avx512dq, A>) {
        if (any_nan(z))
            return keep_nan_lanes(z, result);
        return result;
    } else
#endif
    {
        return keep_nan_lanes(z, result);
    }
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
