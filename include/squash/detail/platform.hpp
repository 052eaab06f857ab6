// squash/detail/platform.hpp: what depends on the instruction set, the
// compiler or the xsimd version.
// SPDX-License-Identifier: MIT
//
// Everything that depends on the instruction set, the compiler or the xsimd
// version lives here, behind a few small functions:
//   fmadd, fnmadd         a*b + c and c - a*b, fused wherever the arch has
//                         FMA (has_fused_fma<A>), whatever xsimd does;
//   reciprocal_estimate   1/x to at least 11 bits, cheaper than a division;
//   opaque(x)             hide a value from the optimizer (see below);
//   to_bits / from_bits   reinterpret a float batch as integers and back;
//   select_if_greater     a select on integer batches that xsimd 8 compiles
//                         for every architecture;
//   widen / narrow        a float batch as two double batches of the same
//                         arch and back (the exact float tier computes in
//                         double and rounds once);
//   lookup16              a 16-entry table lookup, where the arch has one;
// and the sign operations on the bits that -ffast-math cannot fold away.
#ifndef SQUASH_DETAIL_PLATFORM_HPP
#define SQUASH_DETAIL_PLATFORM_HPP

#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include <xsimd/xsimd.hpp>

#include "config.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

template <class T>
inline constexpr bool is_supported_value = std::is_same_v<T, float> || std::is_same_v<T, double>;

template <class T>
using bits_t = std::conditional_t<std::is_same_v<T, float>, std::int32_t, std::int64_t>;

// The width in bytes of the fused multiply-add instructions of arch A's
// registers, or 0 where A has none. This is a fact about the instruction
// set, not about xsimd: xsimd 8.1's fma on AVX-512 is a multiply and an add
// (two roundings), so squash calls the FMA intrinsics itself (fmadd below).
// xsimd >= 14 adds 128-bit arches with FMA (fma3<avx2_128>, avx512vl_128).
template <class A>
inline constexpr int fma_register_bytes =
#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
    std::is_base_of_v<xsimd::avx512f, A>                                                     ? 64
    : std::is_base_of_v<xsimd::fma3<xsimd::avx>, A> || std::is_base_of_v<xsimd::fma3<xsimd::avx2>, A> ? 32
    : std::is_base_of_v<xsimd::fma3<xsimd::sse4_2>, A>
#if XSIMD_VERSION_MAJOR >= 14
            || std::is_base_of_v<xsimd::fma3<xsimd::avx2_128>, A>
#endif
        ? 16
        : 0;
#elif defined(__aarch64__) || defined(_M_ARM64)
    std::is_base_of_v<xsimd::neon64, A> ? 16 : 0;
#else
    0;
#endif

// True when fmadd / fnmadd on arch A round once. The error-free
// transformations in eft.hpp take the exact residual of a product from them;
// without, they fall back to Dekker's splitting.
template <class A>
inline constexpr bool has_fused_fma = fma_register_bytes<A> != 0;

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> opaque(xsimd::batch<T, A> x) noexcept;

// a*b + c: one instruction and one rounding where has_fused_fma<A>, two
// roundings elsewhere. Written with intrinsics so that fusion never depends
// on the xsimd version, nor on the compiler contracting a*b + c (it does not
// under -ffp-contract=off, nor Clang across statements). The two roundings
// are pinned with opaque(): under -ffast-math the compiler would otherwise
// reassociate the product and the sum with their neighbours (Horner steps,
// the exp core's tail), which measurably moved the SSE2 double results of
// silu past 1 ulp and made softplus's scalar and range forms differ
// (tests/robust/fastmath).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fmadd(xsimd::batch<T, A> a, xsimd::batch<T, A> b, xsimd::batch<T, A> c) noexcept
{
    constexpr bool is_float = std::is_same_v<T, float>;
    constexpr int bytes = fma_register_bytes<A>;
#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
    if constexpr (bytes == 64 && is_float)
        return _mm512_fmadd_ps(a, b, c);
    else if constexpr (bytes == 64)
        return _mm512_fmadd_pd(a, b, c);
    else if constexpr (bytes == 32 && is_float)
        return _mm256_fmadd_ps(a, b, c);
    else if constexpr (bytes == 32)
        return _mm256_fmadd_pd(a, b, c);
    else if constexpr (bytes == 16 && is_float)
        return _mm_fmadd_ps(a, b, c);
    else if constexpr (bytes == 16)
        return _mm_fmadd_pd(a, b, c);
    else
#elif defined(__aarch64__) || defined(_M_ARM64)
    if constexpr (bytes == 16 && is_float)
        return vfmaq_f32(c, a, b);
    else if constexpr (bytes == 16)
        return vfmaq_f64(c, a, b);
    else
#endif
        return opaque(opaque(a * b) + c);
}

// c - a*b, rounded like fmadd.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fnmadd(xsimd::batch<T, A> a, xsimd::batch<T, A> b, xsimd::batch<T, A> c) noexcept
{
    constexpr bool is_float = std::is_same_v<T, float>;
    constexpr int bytes = fma_register_bytes<A>;
#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
    if constexpr (bytes == 64 && is_float)
        return _mm512_fnmadd_ps(a, b, c);
    else if constexpr (bytes == 64)
        return _mm512_fnmadd_pd(a, b, c);
    else if constexpr (bytes == 32 && is_float)
        return _mm256_fnmadd_ps(a, b, c);
    else if constexpr (bytes == 32)
        return _mm256_fnmadd_pd(a, b, c);
    else if constexpr (bytes == 16 && is_float)
        return _mm_fnmadd_ps(a, b, c);
    else if constexpr (bytes == 16)
        return _mm_fnmadd_pd(a, b, c);
    else
#elif defined(__aarch64__) || defined(_M_ARM64)
    if constexpr (bytes == 16 && is_float)
        return vfmsq_f32(c, a, b);
    else if constexpr (bytes == 16)
        return vfmsq_f64(c, a, b);
    else
#endif
        return opaque(c - opaque(a * b));
}

// rcpps (AVX, 2^-11.5 relative) and vrcp14ps (AVX-512, 2^-14) pipeline at
// one per cycle, where a float division costs 3.5-5 cycles per vector and
// blocks the divider. Elsewhere, and for double (where two Newton steps
// would be needed), the estimate is an exact division.
template <class T, class A>
inline constexpr bool has_reciprocal_estimate =
    std::is_same_v<T, float> && (std::is_base_of_v<xsimd::avx, A> || std::is_base_of_v<xsimd::avx512f, A>);

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> reciprocal_estimate(xsimd::batch<T, A> x) noexcept
{
    if constexpr (has_reciprocal_estimate<T, A>)
        return xsimd::reciprocal(x);
    else
        return T(1) / x;
}

// The compensated arithmetic in the kernels relies on the exact IEEE meaning
// of each operation: Fast2Sum's (s - a) must see the rounded s, and the
// magic-number rounding must not be folded away. -ffast-math (reassociation)
// or FMA contraction across statements (GCC's default -ffp-contract=fast)
// could rewrite those. An empty asm that claims to modify the register makes
// the value unknown to the optimizer at zero run-time cost.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> opaque(xsimd::batch<T, A> x) noexcept
{
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
    auto reg = x.data;
#if defined(__AVX512F__)
    asm("" : "+v"(reg));
#else
    asm("" : "+x"(reg));
#endif
    return xsimd::batch<T, A>(reg);
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
    auto reg = x.data;
    asm("" : "+w"(reg));
    return xsimd::batch<T, A>(reg);
#else
    return x;
#endif
}

// xsimd 8 spells the target of bitwise_cast as a batch type, xsimd >= 9 as
// the element type.
template <class T, class A>
SQUASH_INLINE xsimd::batch<bits_t<T>, A> to_bits(xsimd::batch<T, A> x) noexcept
{
#if XSIMD_VERSION_MAJOR < 9
    return xsimd::bitwise_cast<xsimd::batch<bits_t<T>, A>>(x);
#else
    return xsimd::bitwise_cast<bits_t<T>>(x);
#endif
}

// The lanes of x reinterpreted as lanes of type To (the same register).
template <class To, class From, class A>
SQUASH_INLINE xsimd::batch<To, A> reinterpret(xsimd::batch<From, A> x) noexcept
{
#if XSIMD_VERSION_MAJOR < 9
    return xsimd::bitwise_cast<xsimd::batch<To, A>>(x);
#else
    return xsimd::bitwise_cast<To>(x);
#endif
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> from_bits(xsimd::batch<bits_t<T>, A> x) noexcept
{
#if XSIMD_VERSION_MAJOR < 9
    return xsimd::bitwise_cast<xsimd::batch<T, A>>(x);
#else
    return xsimd::bitwise_cast<T>(x);
#endif
}

// x > threshold ? if_greater : otherwise, lane by lane, for integer batches.
// xsimd 8's select on integer batches does not compile for AVX512BW (fixed
// in later xsimd); there it is one comparison into a mask register and one
// masked blend.
template <class I, class A>
SQUASH_INLINE xsimd::batch<I, A> select_if_greater(xsimd::batch<I, A> x, xsimd::batch<I, A> threshold,
                                                   xsimd::batch<I, A> if_greater, xsimd::batch<I, A> otherwise) noexcept
{
#if XSIMD_WITH_AVX512F
    if constexpr (std::is_base_of_v<xsimd::avx512f, A>) {
        static_assert(sizeof(I) == 4 || sizeof(I) == 8, "32- or 64-bit lanes");
        if constexpr (sizeof(I) == 4)
            return _mm512_mask_blend_epi32(_mm512_cmpgt_epi32_mask(x, threshold), otherwise, if_greater);
        else
            return _mm512_mask_blend_epi64(_mm512_cmpgt_epi64_mask(x, threshold), otherwise, if_greater);
    } else
#endif
    {
        return xsimd::select(x > threshold, if_greater, otherwise);
    }
}

// Sign manipulation on the bits, not on floating-point constants: under
// -ffast-math (-fno-signed-zeros) the compiler may fold z | -0.0 to z.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> negative_abs(xsimd::batch<T, A> z) noexcept
{
    using int_batch = xsimd::batch<bits_t<T>, A>;
    return from_bits<T, A>(to_bits(z) | int_batch(std::numeric_limits<bits_t<T>>::min()));
}

template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> abs_bits(xsimd::batch<T, A> z) noexcept
{
    using int_batch = xsimd::batch<bits_t<T>, A>;
    return from_bits<T, A>(to_bits(z) & int_batch(std::numeric_limits<bits_t<T>>::max()));
}

// -x as 0 - x: xsimd's unary minus flips the sign with an xor by -0.0,
// which -fno-signed-zeros may fold into an xor by +0.0, a no-op.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> negate(xsimd::batch<T, A> x) noexcept
{
    return xsimd::batch<T, A>(T(0)) - x;
}

// |magnitude| with the sign of sign_source (magnitude must be >= 0).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> with_sign_of(xsimd::batch<T, A> magnitude, xsimd::batch<T, A> sign_source) noexcept
{
    using int_batch = xsimd::batch<bits_t<T>, A>;
    return from_bits<T, A>(to_bits(magnitude) |
                           (to_bits(sign_source) & int_batch(std::numeric_limits<bits_t<T>>::min())));
}

// ---- float <-> double -------------------------------------------------------

// The register width of arch A in bytes, for choosing intrinsics.
template <class A>
inline constexpr std::size_t register_bytes = sizeof(typename xsimd::batch<float, A>::register_type);

template <class A>
inline constexpr bool is_x86_arch =
#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
    std::is_base_of_v<xsimd::sse2, A> || std::is_base_of_v<xsimd::avx512f, A>;
#else
    false;
#endif

template <class A>
struct double_halves {
    xsimd::batch<double, A> lo, hi;  // lanes [0, n/2) and [n/2, n) of the float batch
};

// A float batch as two double batches (exact: every float is a double).
template <class A>
SQUASH_INLINE double_halves<A> widen(xsimd::batch<float, A> x) noexcept
{
    using D = xsimd::batch<double, A>;
    static_assert(D::size * 2 == xsimd::batch<float, A>::size, "a float register holds twice as many lanes");
#if XSIMD_WITH_AVX512F
    if constexpr (is_x86_arch<A> && register_bytes<A> == 64) {
        __m512 v = x;
        return {D(_mm512_cvtps_pd(_mm512_castps512_ps256(v))),
                D(_mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1))))};
    } else
#endif
#if XSIMD_WITH_AVX
    if constexpr (is_x86_arch<A> && register_bytes<A> == 32) {
        __m256 v = x;
        return {D(_mm256_cvtps_pd(_mm256_castps256_ps128(v))), D(_mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)))};
    } else
#endif
#if XSIMD_WITH_SSE2
    if constexpr (is_x86_arch<A> && register_bytes<A> == 16) {
        __m128 v = x;
        return {D(_mm_cvtps_pd(v)), D(_mm_cvtps_pd(_mm_movehl_ps(v, v)))};
    } else
#endif
    {
        alignas(A::alignment()) float lanes[xsimd::batch<float, A>::size];
        x.store_aligned(lanes);
        return {D::load_unaligned(lanes), D::load_unaligned(lanes + D::size)};
    }
}

// Two double batches rounded to float (once each, in the current rounding
// mode: to nearest) and joined into one float batch.
template <class A>
SQUASH_INLINE xsimd::batch<float, A> narrow(xsimd::batch<double, A> lo, xsimd::batch<double, A> hi) noexcept
{
    using F = xsimd::batch<float, A>;
#if XSIMD_WITH_AVX512F
    if constexpr (is_x86_arch<A> && register_bytes<A> == 64) {
        __m512d l = _mm512_castps_pd(_mm512_castps256_ps512(_mm512_cvtpd_ps(lo)));
        return F(_mm512_castpd_ps(_mm512_insertf64x4(l, _mm256_castps_pd(_mm512_cvtpd_ps(hi)), 1)));
    } else
#endif
#if XSIMD_WITH_AVX
    if constexpr (is_x86_arch<A> && register_bytes<A> == 32) {
        return F(_mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(lo)), _mm256_cvtpd_ps(hi), 1));
    } else
#endif
#if XSIMD_WITH_SSE2
    if constexpr (is_x86_arch<A> && register_bytes<A> == 16) {
        return F(_mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi)));
    } else
#endif
    {
        constexpr std::size_t half = xsimd::batch<double, A>::size;
        alignas(A::alignment()) float lanes[2 * half];
        alignas(A::alignment()) double wide[2 * half];
        lo.store_aligned(wide);
        hi.store_aligned(wide + half);
        for (std::size_t i = 0; i < 2 * half; ++i)
            lanes[i] = static_cast<float>(wide[i]);
        return F::load_aligned(lanes);
    }
}

// ---- table lookup -----------------------------------------------------------

// True where lookup16 is one instruction (a two-source permute): AVX-512.
template <class A>
inline constexpr bool has_lookup16 = is_x86_arch<A> && register_bytes<A> == 64;

// table[index & 15] lane by lane, for a 64-byte-aligned table of 16 64-bit
// entries; the index is taken from the low 4 bits of each lane's bits.
template <class A>
SQUASH_INLINE xsimd::batch<std::int64_t, A> lookup16(std::int64_t const* table,
                                                     xsimd::batch<std::int64_t, A> index) noexcept
{
#if XSIMD_WITH_AVX512F
    if constexpr (has_lookup16<A>) {
        return _mm512_permutex2var_epi64(_mm512_load_si512(table), index, _mm512_load_si512(table + 8));
    } else
#endif
    {
        constexpr std::size_t n = xsimd::batch<std::int64_t, A>::size;
        alignas(A::alignment()) std::int64_t lanes[n];
        index.store_aligned(lanes);
        for (auto& lane : lanes)
            lane = table[lane & 15];
        return xsimd::batch<std::int64_t, A>::load_aligned(lanes);
    }
}

// ---- scalars ------------------------------------------------------------------

// opaque() for a scalar double, for the scalar double-double arithmetic of
// the rare exact path (detail/double_double.hpp).
SQUASH_INLINE double opaque(double x) noexcept
{
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
    asm("" : "+x"(x));
    return x;
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
    asm("" : "+w"(x));
    return x;
#else
    volatile double v = x;
    return v;
#endif
}

template <class To, class From>
SQUASH_INLINE To bit_copy(From x) noexcept
{
    static_assert(sizeof(To) == sizeof(From), "bit_copy needs types of one size");
    To y;
    std::memcpy(&y, &x, sizeof y);
    return y;
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
