// squash/detail/fast_x86.hpp: the instruction-set-specific pieces of the fast tier.
// SPDX-License-Identifier: MIT
//
// The instruction-set-specific pieces of the fast tier
// (include/squash/fast.hpp), each a few instructions on the register of an
// xsimd batch (.data):
//
//   min_keep_nan, max_keep_nan   min(c, z) and max(c, z) that return z itself
//                                when z is NaN (every x86 arch; portable
//                                xsimd::min / max elsewhere);
//   not_below                    all-ones where u >= c or u is NaN, zero
//                                elsewhere (a mask register on AVX-512);
//   divide                       an IEEE division, never a reciprocal
//                                estimate (see there);
//   nan_or_zero, divide_where,   AVX-512 only: a masked division, and the
//   lookup_table,                table of 2^(j/N) and vscalef from which
//   scale_by_pow2_floor,         logistic_denominator builds d = 1 + e^-w.
//   logistic_denominator
//   logistic_denominator_avx2,   AVX2 with FMA, float: the same with a table
//   fast_sigmoid_avx2            of 8 in one register (vpermps), and σ = 1/d.
//
// NaN in, that NaN out: on x86 a NaN is carried through the kernels rather
// than patched afterwards. The clamps return z when z is NaN, not_below keeps
// its lane, and every arithmetic instruction after returns its NaN operand
// quieted, sign and payload kept (no instruction of the kernels can create
// a NaN of its own or flip a NaN's sign: they never see an infinity minus
// an infinity). The clamps and the comparison are inline asm with GCC and
// Clang because under -ffast-math GCC treats min/max as commutative and
// LLVM relaxes unordered predicates, either of which would drop the NaN; an
// asm statement costs nothing but its instruction. Elsewhere (other
// compilers, other architectures) fast_nan_is_carried<A> is false and the
// kernels finish with detail::keep_nan instead.
#ifndef SQUASH_DETAIL_FAST_X86_HPP
#define SQUASH_DETAIL_FAST_X86_HPP

#include "fast_exp.hpp"

#if SQUASH_FAST_X86
// Declares the AVX-512 types and intrinsics whatever the target (xsimd
// includes only the headers of the instruction sets it uses); they are
// compiled only into kernels instantiated for an AVX-512 arch.
#include <immintrin.h>
#endif

#if SQUASH_FAST_X86 && (defined(__GNUC__) || defined(__clang__))
#define SQUASH_FAST_ASM 1
// The register constraint of a vector operand: "v" reaches xmm16-31 and
// zmm, which exist with AVX-512 only.
#if defined(__AVX512F__)
#define SQUASH_FAST_VREG "v"
#else
#define SQUASH_FAST_VREG "x"
#endif
#else
#define SQUASH_FAST_ASM 0
#endif

SQUASH_NAMESPACE_BEGIN
namespace detail {

template <class A>
inline constexpr bool fast_uses_avx512 =
#if SQUASH_FAST_X86
    std::is_base_of_v<xsimd::avx512f, A>;
#else
    false;
#endif

// True where the kernels carry a NaN through (see the top of this file).
template <class A>
inline constexpr bool fast_nan_is_carried = SQUASH_FAST_ASM && sizeof(A) != 0;

#if SQUASH_FAST_ASM

// vminps / vmaxps (and their SSE and double forms) return the second source
// operand when either is NaN: with z second, a NaN z comes out unchanged.
// AT&T operand order: "vminps z, c, out" computes out = min(c, z).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> min_keep_nan(xsimd::batch<T, A> c, xsimd::batch<T, A> z) noexcept
{
    auto out = c.data;
    constexpr bool f = std::is_same_v<T, float>;
#if defined(__AVX__)
    if constexpr (f)
        asm("vminps %2, %1, %0" : "=" SQUASH_FAST_VREG(out) : SQUASH_FAST_VREG(c.data), SQUASH_FAST_VREG(z.data));
    else
        asm("vminpd %2, %1, %0" : "=" SQUASH_FAST_VREG(out) : SQUASH_FAST_VREG(c.data), SQUASH_FAST_VREG(z.data));
#else
    if constexpr (f)
        asm("minps %1, %0" : "+x"(out) : "x"(z.data));
    else
        asm("minpd %1, %0" : "+x"(out) : "x"(z.data));
#endif
    return xsimd::batch<T, A>(out);
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> max_keep_nan(xsimd::batch<T, A> c, xsimd::batch<T, A> z) noexcept
{
    auto out = c.data;
    constexpr bool f = std::is_same_v<T, float>;
#if defined(__AVX__)
    if constexpr (f)
        asm("vmaxps %2, %1, %0" : "=" SQUASH_FAST_VREG(out) : SQUASH_FAST_VREG(c.data), SQUASH_FAST_VREG(z.data));
    else
        asm("vmaxpd %2, %1, %0" : "=" SQUASH_FAST_VREG(out) : SQUASH_FAST_VREG(c.data), SQUASH_FAST_VREG(z.data));
#else
    if constexpr (f)
        asm("maxps %1, %0" : "+x"(out) : "x"(z.data));
    else
        asm("maxpd %1, %0" : "+x"(out) : "x"(z.data));
#endif
    return xsimd::batch<T, A>(out);
}

// All-ones where u >= c or u is NaN ("not less than", unordered), as a
// vector (SSE, AVX) to AND a result with.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> not_below(xsimd::batch<T, A> u, xsimd::batch<T, A> c) noexcept
{
    auto out = u.data;
    constexpr bool f = std::is_same_v<T, float>;
#if defined(__AVX__)
    // predicate 0x15: NLT_UQ (quiet: no flag for a quiet NaN)
    if constexpr (f)
        asm("vcmpps $0x15, %2, %1, %0" : "=" SQUASH_FAST_VREG(out) : SQUASH_FAST_VREG(u.data), SQUASH_FAST_VREG(c.data));
    else
        asm("vcmppd $0x15, %2, %1, %0" : "=" SQUASH_FAST_VREG(out) : SQUASH_FAST_VREG(u.data), SQUASH_FAST_VREG(c.data));
#else
    // SSE has only NLT_US (predicate 5), which raises invalid for a NaN u:
    // allowed, as a NaN input may raise flags.
    if constexpr (f)
        asm("cmpnltps %1, %0" : "+x"(out) : "x"(c.data));
    else
        asm("cmpnltpd %1, %0" : "+x"(out) : "x"(c.data));
#endif
    return xsimd::batch<T, A>(out);
}

// num / den rounded as IEEE says. Under -ffast-math GCC and Clang would
// otherwise replace a vector division by a reciprocal estimate and a Newton
// step, which is off by an ulp at random (σ(0) was 0.49999997) and not
// monotone.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> divide(xsimd::batch<T, A> num, xsimd::batch<T, A> den) noexcept
{
    auto out = num.data;
    constexpr bool f = std::is_same_v<T, float>;
#if defined(__AVX__)
    if constexpr (f)
        asm("vdivps %2, %1, %0" : "=" SQUASH_FAST_VREG(out) : SQUASH_FAST_VREG(num.data), SQUASH_FAST_VREG(den.data));
    else
        asm("vdivpd %2, %1, %0" : "=" SQUASH_FAST_VREG(out) : SQUASH_FAST_VREG(num.data), SQUASH_FAST_VREG(den.data));
#else
    if constexpr (f)
        asm("divps %1, %0" : "+x"(out) : "x"(den.data));
    else
        asm("divpd %1, %0" : "+x"(out) : "x"(den.data));
#endif
    return xsimd::batch<T, A>(out);
}

#else  // no asm: the kernels finish with keep_nan

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> divide(xsimd::batch<T, A> num, xsimd::batch<T, A> den) noexcept
{
    return num / den;
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> min_keep_nan(xsimd::batch<T, A> c, xsimd::batch<T, A> z) noexcept
{
    return xsimd::min(c, z);
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> max_keep_nan(xsimd::batch<T, A> c, xsimd::batch<T, A> z) noexcept
{
    return xsimd::max(c, z);
}

#endif

#if SQUASH_FAST_X86

template <class T>
using avx512_mask = std::conditional_t<std::is_same_v<T, float>, __mmask16, __mmask8>;

// AVX-512: u >= c or u NaN, into a mask register.
template <class T, class A>
SQUASH_INLINE avx512_mask<T> not_below_mask(xsimd::batch<T, A> u, xsimd::batch<T, A> c) noexcept
{
#if SQUASH_FAST_ASM
    avx512_mask<T> out;
    if constexpr (std::is_same_v<T, float>)
        asm("vcmpps $0x15, %2, %1, %0" : "=k"(out) : "v"(u.data), "v"(c.data));
    else
        asm("vcmppd $0x15, %2, %1, %0" : "=k"(out) : "v"(u.data), "v"(c.data));
    return out;
#else
    if constexpr (std::is_same_v<T, float>)
        return _mm512_cmp_ps_mask(u.data, c.data, _CMP_NLT_UQ);
    else
        return _mm512_cmp_pd_mask(u.data, c.data, _CMP_NLT_UQ);
#endif
}

// numerator / denominator in the lanes of `keep`; +0 in the others, which
// compute nothing. (asm for the same reason as divide.)
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> divide_where(avx512_mask<T> keep, xsimd::batch<T, A> numerator,
                                              xsimd::batch<T, A> denominator) noexcept
{
#if SQUASH_FAST_ASM
    auto out = numerator.data;
    if constexpr (std::is_same_v<T, float>)
        asm("vdivps %2, %1, %0%{%3%}%{z%}" : "=v"(out) : "v"(numerator.data), "v"(denominator.data), "Yk"(keep));
    else
        asm("vdivpd %2, %1, %0%{%3%}%{z%}" : "=v"(out) : "v"(numerator.data), "v"(denominator.data), "Yk"(keep));
    return xsimd::batch<T, A>(out);
#else
    if constexpr (std::is_same_v<T, float>)
        return _mm512_maskz_div_ps(keep, numerator.data, denominator.data);
    else
        return _mm512_maskz_div_pd(keep, numerator.data, denominator.data);
#endif
}

// table[j] for j = the low bits of each lane of t (vpermt2ps / vpermt2pd:
// entries 0..N/2-1 in one register, N/2..N-1 in the other).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> lookup_table(xsimd::batch<T, A> t) noexcept
{
    using batch = xsimd::batch<T, A>;
    using C = fast_constants<T>;
    auto const low = batch::load_unaligned(C::table);
    auto const high = batch::load_unaligned(C::table + C::table_size / 2);
    if constexpr (std::is_same_v<T, float>)
        return _mm512_permutex2var_ps(low, _mm512_castps_si512(t), high);
    else
        return _mm512_permutex2var_pd(low, _mm512_castpd_si512(t), high);
}

// m * 2^floor(v) (vscalefps / vscalefpd; exact for the normal results here).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> scale_by_pow2_floor(xsimd::batch<T, A> m, xsimd::batch<T, A> v) noexcept
{
    if constexpr (std::is_same_v<T, float>)
        return _mm512_scalef_ps(m, v);
    else
        return _mm512_scalef_pd(m, v);
}

// AVX-512: d = 1 + e^-w for w in [z_normal_min, z_one] (or NaN: then d is
// that NaN, quieted). e^-w = R a with R = 2^floor(v) S_j exact and
// a = c0 + r P(r) <= 1 (fast_constants in detail/fast_exp.hpp): d = fma(R, a, 1)
// is rounded once, and across the boundary between two subintervals it
// moves the right way.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> logistic_denominator(xsimd::batch<T, A> w) noexcept
{
    using batch = xsimd::batch<T, A>;
    using C = fast_constants<T>;
    // v = -w log2e rounded to a multiple of 1/N; t's low bits hold j.
    auto [t, v, r] = fast_reduce(w, C::table_round_magic);
    auto big_r = scale_by_pow2_floor(lookup_table(t), v);
    auto a = fmadd(r, horner(C::table_P, r), batch(C::table_c0));
    return fmadd(big_r, a, batch(T(1)));
}

#endif  // SQUASH_FAST_X86

#if SQUASH_FAST_X86 && defined(__AVX2__)

// The float kernels on 256-bit AVX2 with FMA take the table path below (the
// portable one elsewhere: SSE, AVX without AVX2, AVX2 without FMA, double).
template <class T, class A>
inline constexpr bool fast_uses_avx2_table = std::is_same_v<T, float> && std::is_base_of_v<xsimd::avx2, A> &&
                                             !std::is_base_of_v<xsimd::avx512f, A> && fma_register_bytes<A> == 32;

// j << 20 for j = 0..7: what each table entry's bits give up so that adding
// t's bits shifted left by 20 leaves 2^floor(v) S_j.
inline constexpr std::int32_t avx2_table_index_bits[8] = {0, 1 << 20, 2 << 20, 3 << 20,
                                                          4 << 20, 5 << 20, 6 << 20, 7 << 20};

// AVX2: d = 1 + e^-w for float w in [z_normal_min, z_one], as
// logistic_denominator with N = 8 (fast_constants<float>::avx2_table*). A
// NaN w gives a NaN d, but not necessarily w's NaN (R is built from t's
// bits, and may be a finite number or a NaN of its own): fast_sigmoid_avx2
// carries w's NaN in the numerator instead.
template <class A>
SQUASH_INLINE xsimd::batch<float, A> logistic_denominator_avx2(xsimd::batch<float, A> w) noexcept
{
    using batch = xsimd::batch<float, A>;
    using int_batch = xsimd::batch<std::int32_t, A>;
    using C = fast_constants<float>;
    // v = -w log2e rounded to a multiple of 1/8: t's bits are the magic's
    // plus 8v, so the low three hold j, and shifted left by 20 they are
    // (floor(v) << 23) + (j << 20) (the magic's bits leave at the top).
    auto const reduced = fast_reduce(w, C::avx2_table_round_magic);
    auto const r = reduced.r;
    // R = 2^floor(v) S_j exactly: S_j's bits with floor(v) added to the
    // exponent field (normal for every w here: floor(v) in [-29, 126]).
    auto const entries =
        to_bits(batch::load_unaligned(C::avx2_table)) - int_batch::load_unaligned(avx2_table_index_bits);
    auto const t_bits = to_bits(reduced.t);
    auto const big_r =
        from_bits<float, A>(int_batch(_mm256_permutevar8x32_epi32(entries.data, t_bits.data)) + (t_bits << 20));
    auto a = fmadd(r, horner(C::avx2_table_P, r), batch(C::avx2_table_c0));
    return fmadd(big_r, a, batch(1.0f));
}

// σ(w) = 1/d on the AVX2 table path. The numerator 0*w + 1 (one fused
// operation; w is clamped, never infinite) is 1, or w's NaN quieted; with
// two NaN operands a division returns the first, so the result is w's NaN
// whatever NaN d holds.
template <class A>
SQUASH_INLINE xsimd::batch<float, A> fast_sigmoid_avx2(xsimd::batch<float, A> w) noexcept
{
    using batch = xsimd::batch<float, A>;
    auto one_or_nan = fmadd(w, opaque(batch(0.0f)), batch(1.0f));
    return divide(one_or_nan, logistic_denominator_avx2(w));
}

#endif  // SQUASH_FAST_X86 && __AVX2__

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
