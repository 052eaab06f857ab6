// squash/detail/fast_exp.hpp: the exponential of the fast tier.
// SPDX-License-Identifier: MIT
//
// The exponential of the fast tier (include/squash/fast.hpp): its constants,
// the reduction every path shares (fast_reduce), and the portable path (the
// table paths, which use these constants, are in fast_x86.hpp). Everything
// here computes with normal numbers only: the callers clamp their inputs so
// that no subnormal (on which the CPU slows down 2-5x) and no overflow can
// arise.
//
//   e^-w = 2^v e^-r,   v = -w/ln2 rounded to a multiple of 1/N,
//                      r = w + v ln2 (Cody-Waite, ln2 = ln2_hi + ln2_lo).
//
// Three ways to get 2^v:
//   AVX-512 (N = 32 for float, 16 for double): 2^frac(v) from a table of N
//     entries held in two registers (vpermt2ps / vpermt2pd pick one per
//     lane) and vscalefps / vscalefpd for 2^floor(v): e^-w = R * a(r) with
//     R = 2^floor(v) S_j, a(r) ~ c0 e^-r a polynomial of degree 2 (float) or
//     6 (double). See fast_constants for how the table and c0 are chosen.
//   AVX2 with FMA, float (N = 8): the same with one register of entries
//     (vpermps), 2^floor(v) added to the entry's exponent bits, and a(r) of
//     degree 3; used by σ and σ' (not by σ₂, whose 1 - e^-w needs the
//     portable form's full relative precision near 0).
//   elsewhere (N = 1): 2^v built in the exponent bits, and
//     e^-r = 1 - r + r^2 Q(r) on |r| <= ln2/2, Q of degree 4 (float) or 9
//     (double), fitted so that -r + r^2 Q(r) is e^-r - 1 to full relative
//     precision, which is what the bipolar sigmoid needs near 0.
#ifndef SQUASH_DETAIL_FAST_EXP_HPP
#define SQUASH_DETAIL_FAST_EXP_HPP

#include <cstddef>
#include <limits>
#include <type_traits>

#include "platform.hpp"
#include "polynomial.hpp"

#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
#define SQUASH_FAST_X86 1
#else
#define SQUASH_FAST_X86 0
#endif

SQUASH_NAMESPACE_BEGIN
namespace detail {

// Every constant comes from tools/fit_fast_constants.py (mpmath, 256 bits),
// which also prints the measured error of each polynomial with its
// coefficients rounded as written here.
template <class T>
struct fast_constants;

template <>
struct fast_constants<float> {
    // The least float z with σ(z) >= 2^-126, the least normal float: σ there
    // is 1.0000045 * 2^-126, 38 ulps above it, so the kernels' result there
    // is normal too. Below it the exact σ(z) is subnormal and the fast tier
    // returns +0. The same float is the largest a with σ'(a) >= 2^-126.
    static constexpr float z_normal_min = -0x1.5d589ep+6f;  // -87.33654
    // σ(z) rounds to 1 from z = 17.33 on; clamping there keeps e^-z >= 2^-29.
    static constexpr float z_one = 20.0f;
    static constexpr float log2e = 0x1.715476p+0f;
    // ln2 = ln2_hi + ln2_lo + 1.6e-12. ln2_hi has 12 significant bits, so
    // v*ln2_hi is exact for every v here (|v| <= 128 with 5 fraction bits),
    // and w + v*ln2_hi is exact too (Sterbenz).
    static constexpr float ln2_hi = 0x1.62ep-1f;
    static constexpr float ln2_lo = 0x1.0bfbe8p-15f;
    static constexpr float ln2 = 0x1.62e430p-1f;  // rounded to nearest

    // ---- AVX-512: e^-w = 2^floor(v) * S_j * a(r), j = 32 frac(v) --------
    // Adding 1.5*2^18 rounds to a multiple of 1/32 (the spacing of floats in
    // [2^18, 2^19)) and leaves j in the low 5 bits.
    static constexpr float table_round_magic = 0x1.8p18f;
    // The table is "shifted": S_j ~ K 2^((j + 1/2)/32) and a(r) ~ c0 e^-r with
    // c0 = 2^(-1/64)/K, so that a(r) < 1 on all of |r| <= ln2/64 (its
    // rounding error is then at most half an ulp of [1/2, 1)). Each entry is
    // rounded down or up (at most 0.71 ulp from K 2^((j + 1/2)/32)) so that
    // at every boundary between two subintervals the polynomial's error jump
    // (+1.80 * 2^-24, from -0.90 at r = -h to +0.90 at r = +h) exceeds the
    // drop between the entries' errors (at most 0.74 * 2^-24) plus the
    // rounding of a on both sides (1.02 * 2^-24): that keeps σ monotone
    // across the boundaries (checked over all floats).
    static constexpr float table_c0 = 0x1.fa7c0cp-1f;
    static constexpr int table_size = 32;
    static constexpr float table[table_size] = {
        0x1.02c9aap+0f, 0x1.087458p+0f, 0x1.0e3ecap+0f, 0x1.1429b2p+0f, 0x1.1a35c6p+0f, 0x1.2063c0p+0f,
        0x1.26b45ep+0f, 0x1.2d2862p+0f, 0x1.33c092p+0f, 0x1.3a7dbap+0f, 0x1.4160aap+0f, 0x1.486a34p+0f,
        0x1.4f9b30p+0f, 0x1.56f47cp+0f, 0x1.5e76fap+0f, 0x1.662390p+0f, 0x1.6dfb2cp+0f, 0x1.75febep+0f,
        0x1.7e2f3cp+0f, 0x1.868da2p+0f, 0x1.8f1af2p+0f, 0x1.97d834p+0f, 0x1.a0c672p+0f, 0x1.a9e6c0p+0f,
        0x1.b33a36p+0f, 0x1.bcc1f4p+0f, 0x1.c67f1ep+0f, 0x1.d072e0p+0f, 0x1.da9e6cp+0f, 0x1.e502fap+0f,
        0x1.efa1cap+0f, 0x1.fa7c24p+0f};
    // a(r) = c0 + r P(r), |r| <= 0.01084: relative error 0.90 * 2^-24.
    static constexpr float table_P[] = {-0x1.fa7df2p-1f, 0x1.fa7c0ap-2f};

    // ---- AVX2 (with FMA): the same form with N = 8, j = 8 frac(v) --------
    // Eight entries are what one vpermps holds. |r| <= ln2/16, so a(r) needs
    // degree 3. There is no vscalef: 2^floor(v) is added to the entry's
    // exponent field (see logistic_denominator_avx2 in fast_x86.hpp). Adding
    // 1.5*2^20 rounds to a multiple of 1/8 and leaves 8v in the low bits.
    // The table is shifted and rounded as above (max |delta| 0.61 * 2^-24,
    // largest drop M = 0.46 * 2^-24); a(r) is fitted to c0 e^-r tilted by
    // 0.85 * 2^-24 r/h (the seam jump a degree-3 fit does not have by itself):
    // relative error from -1.27 * 2^-24 at r = -h to +0.43 * 2^-24 at +h.
    // One change after the fit: P0 is 5 ulps larger in magnitude than the
    // fit's -0x1.ea4ad0p-1, which moves the error by r * 5 * 2^-24 / c0:
    // -1.04 at -h, +0.20 at +h. Near z = 0 the grid of r is the grid of z
    // itself, and there a rounding step of P(r) can outweigh one step of r:
    // with the fit's P0, σ stepped back by one ulp at three floats in
    // 0.0078 < z < 0.032. Among the coefficient sets within a few ulps this
    // one has no step back over every float. The seam jump is now 1.24,
    // below the worst case 1.48 that would prove the seams monotone by
    // itself, so for this table it is the exhaustive sweep
    // (tests/exhaustive, every float) that shows σ and σ' monotone.
    static constexpr float avx2_table_round_magic = 0x1.8p20f;
    static constexpr int avx2_table_size = 8;
    static constexpr float avx2_table_c0 = 0x1.ea4af4p-1f;
    static constexpr float avx2_table[avx2_table_size] = {0x1.0b558ap+0f, 0x1.2387aap+0f, 0x1.3dea68p+0f,
                                                          0x1.5ab082p+0f, 0x1.7a114cp+0f, 0x1.9c491ep+0f,
                                                          0x1.c199c4p+0f, 0x1.ea4b00p+0f};
    // a(r) = c0 + r P(r), |r| <= 0.043322.
    static constexpr float avx2_table_P[] = {-0x1.ea4adap-1f, 0x1.ea5aecp-2f, -0x1.46d074p-3f};

    // ---- elsewhere: e^-w = 2^n (1 + r P(r)), n integer -------------------
    // Adding 1.5*2^23 + 127 rounds to an integer n and leaves n + 127, the
    // biased exponent of 2^n, in the low bits.
    static constexpr float pow2_round_magic = 0x1.8p23f + 127.0f;
    static constexpr int mantissa_bits = 23;
    // e^-r - 1 = r (-1 + r Q(r)) on |r| <= 0.3466: relative error 2^-25.39
    // (of e^-r - 1, so of e^-r too). The fit's constant term is exactly -1.
    static constexpr float Q[] = {0x1.fffffep-2f, -0x1.55547ep-3f, 0x1.555652p-5f, -0x1.123ce2p-7f,
                                  0x1.6c16a6p-10f};
};

template <>
struct fast_constants<double> {
    // The least double with σ(z) >= 2^-1022; σ there is 124 ulps above it.
    // Also the largest a with σ'(a) >= 2^-1022.
    static constexpr double z_normal_min = -0x1.6232bdd7abcd2p+9;  // -708.39641853226408
    // σ(z) rounds to 1 from z = 37.43 on.
    static constexpr double z_one = 40.0;
    static constexpr double log2e = 0x1.71547652b82fep+0;
    // ln2_hi has 38 bits: v*ln2_hi exact for |v| <= 1024 with 4 fraction bits.
    static constexpr double ln2_hi = 0x1.62e42fefap-1;
    static constexpr double ln2_lo = 0x1.cf79abc9e3b3ap-40;
    static constexpr double ln2 = 0x1.62e42fefa39efp-1;  // rounded to nearest

    // ---- AVX-512: e^-w = 2^floor(v) * S_j * a(r), j = 16 frac(v) --------
    static constexpr double table_round_magic = 0x1.8p48;  // spacing 1/16
    // Shifted and rounded as the float table (max |delta| 0.74 * 2^-53,
    // largest drop 0.70 * 2^-53). A polynomial of degree 6 is accurate to
    // 2^-57, far too good to give a seam jump of its own, so it is fitted to
    // c0 e^-r (1 + 0.85 * 2^-53 r/h) instead: its error runs from -0.92 to
    // +0.92 * 2^-53 across each subinterval, a jump of 1.83 * 2^-53 at every
    // boundary against the 0.70 + 1.02 it has to beat.
    static constexpr double table_c0 = 0x1.f50765b6e4543p-1;
    static constexpr int table_size = 16;
    static constexpr double table[table_size] = {
        0x1.059b0d3158573p+0, 0x1.11301d0125b4fp+0, 0x1.1d4873168b9a9p+0, 0x1.29e9df51fdee0p+0,
        0x1.371a7373aa9c9p+0, 0x1.44e086061892bp+0, 0x1.5342b569d4f80p+0, 0x1.6247eb03a5583p+0,
        0x1.71f75e8ec5f72p+0, 0x1.82589994cce11p+0, 0x1.93737b0cdc5e3p+0, 0x1.a5503b23e255ap+0,
        0x1.b7f76f2fb5e44p+0, 0x1.cb720dcef9067p+0, 0x1.dfc97337b9b5cp+0, 0x1.f50765b6e453ep+0};
    // a(r) = c0 + r P(r), |r| <= 0.021662: relative error 0.92 * 2^-53.
    static constexpr double table_P[] = {-0x1.f50765b6e4530p-1, 0x1.f50765b6e44bap-2, -0x1.4e04ee78a5851p-3,
                                         0x1.4e04ee7c96554p-5,  -0x1.0b387b3302ec9p-7, 0x1.644872d83c537p-10};

    static constexpr double pow2_round_magic = 0x1.8p52 + 1023.0;
    static constexpr int mantissa_bits = 52;
    // e^-r - 1 = r (-1 + r Q(r)) on |r| <= 0.346575: relative error 2^-55.38.
    static constexpr double Q[] = {0x1.0000000000005p-1,  -0x1.5555555555530p-3, 0x1.555555555211dp-5,
                                   -0x1.111111111a24fp-7, 0x1.6c16c17f29e63p-10, -0x1.a01a017106407p-13,
                                   0x1.a019a6b1e8a1ap-16, -0x1.71de8e6436136p-19, 0x1.28a27e92e46a1p-22,
                                   -0x1.ae644af136e08p-26};
};

// 2^n from t = n + pow2_round_magic: the biased exponent n + bias is already
// in the low bits of t, so shifting it into the exponent field gives 2^n
// (for normal 2^n, which the callers' clamps guarantee).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> pow2_from_round_magic(xsimd::batch<T, A> t) noexcept
{
    return from_bits<T, A>(to_bits(t) << fast_constants<T>::mantissa_bits);
}

// The reduction of the portable path: e^-w = 2^n (1 - m), for w in
// [z_normal_min, z_one] (or any w whose 2^n is normal), with
//   m = 1 - e^-r = r - r (r Q(r))
// to full relative precision. m is one fused operation whose dominant term r
// is exact, so m rises with w to the last bit: a rounded r P(r) would wobble
// by an ulp each time P's rounding steps (σ was then non-monotone near
// z = 0.06). A NaN w gives a NaN m, and a 2^n that is never NaN (the shift
// leaves no significand bits), so a NaN is carried.
template <class T, class A>
struct fast_exp_parts {
    xsimd::batch<T, A> pow2n;  // 2^n, normal
    xsimd::batch<T, A> m;      // 1 - e^-r, |r| <= ln2/2
};

// The Cody-Waite reduction every fast exponential starts with (the portable
// path, N = 1, and the table paths of fast_x86.hpp, N = 8 and 32 in float,
// 16 in double), for a magic number that rounds to a multiple of 1/N:
//   t = -w log2e + magic, rounded once: t's low bits hold N v (plus, for
//       pow2_round_magic, the exponent bias), which the callers turn into
//       2^v or a table index;
//   v = t - magic, exact: -w log2e rounded to a multiple of 1/N;
//   r = w + v ln2, so e^-w = 2^v e^-r, |r| <= ln2/(2N) (plus the rounding
//       of t).
// With two constants the first step, w + v ln2_hi, is exact, products and
// sum alike, even without FMA (ln2_hi's bits times v's fit in T, and
// Sterbenz). OneConstant: r = w + v ln2 with ln2 rounded to T, one fused
// operation (needs has_fused_fma<A>). It leaves e^-w off by a factor
// e^(v (ln2 - ln2_T)), |ln2 - ln2_T| <= 1.9e-9 (float), which is fine when
// 2^v shrinks as fast as |v| grows (the bipolar sigmoid: v <= 0, and the
// error is |v| 2^v 1.9e-9 against results >= 0.29 once v != 0), not for σ
// (v up to 126).
template <class T, class A>
struct fast_reduction {
    xsimd::batch<T, A> t;  // magic + v, rounded once
    xsimd::batch<T, A> v;  // -w log2e rounded to a multiple of 1/N
    xsimd::batch<T, A> r;  // w + v ln2
};

template <bool OneConstant = false, class T, class A>
SQUASH_INLINE fast_reduction<T, A> fast_reduce(xsimd::batch<T, A> w, T magic) noexcept
{
    using batch = xsimd::batch<T, A>;
    using C = fast_constants<T>;
    // opaque keeps -ffast-math from cancelling the magic number in v.
    auto t = opaque(fmadd(w, batch(-C::log2e), batch(magic)));
    auto v = t - batch(magic);
    batch r;
    if constexpr (OneConstant) {
        static_assert(has_fused_fma<A>, "the one-constant reduction needs a fused multiply-add");
        r = fmadd(v, batch(C::ln2), w);
    } else {
        r = fmadd(v, batch(C::ln2_lo), fmadd(v, batch(C::ln2_hi), w));
    }
    return {t, v, r};
}

// The portable path's reduction, shared by fast_exp_neg and
// fast_exp_neg_scaled: t = n + pow2_round_magic (n = -w log2e rounded to an
// integer, held in t's low bits) and m = 1 - e^-r.
template <class T, class A>
struct fast_exp_reduced {
    xsimd::batch<T, A> t;
    xsimd::batch<T, A> m;
};

template <bool OneConstant, class T, class A>
SQUASH_INLINE fast_exp_reduced<T, A> fast_exp_reduce(xsimd::batch<T, A> w) noexcept
{
    auto reduced = fast_reduce<OneConstant>(w, fast_constants<T>::pow2_round_magic);
    auto r = reduced.r;
    auto r2 = r * r;
    return {reduced.t, fnmadd(r2, polynomial(fast_constants<T>::Q, r, r2), r)};
}

template <bool OneConstant = false, class T, class A>
SQUASH_INLINE fast_exp_parts<T, A> fast_exp_neg(xsimd::batch<T, A> w) noexcept
{
    auto reduced = fast_exp_reduce<OneConstant>(w);
    return {pow2_from_round_magic(reduced.t), reduced.m};
}

// e^-w 2^-s = 2^(n - s) (1 - m), s a whole number per lane (a T holding
// it), for the kernels whose e^-w would leave the normal range for some w
// (2^n up to 2^133 in float): s moves 2^(n - s) back into it. t - s is exact
// (t's low bits hold n + bias), so the scaling costs one subtraction.
template <class T, class A>
SQUASH_INLINE fast_exp_parts<T, A> fast_exp_neg_scaled(xsimd::batch<T, A> w, xsimd::batch<T, A> s) noexcept
{
    auto reduced = fast_exp_reduce<false>(w);
    return {pow2_from_round_magic(reduced.t - s), reduced.m};
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
