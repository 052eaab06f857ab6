// squash/detail/eft.hpp: error-free transformations and double-word
// arithmetic on batches, for the double kernels of the exact tier.
// SPDX-License-Identifier: MIT
//
// Error-free transformations and double-word ("hi + lo") arithmetic, the
// tools that let a float kernel carry ~2x float precision where it matters.
// References: Dekker (1971); Muller et al., Handbook of Floating-Point
// Arithmetic, 2nd ed., ch. 4 and 5.
#ifndef SQUASH_DETAIL_EFT_HPP
#define SQUASH_DETAIL_EFT_HPP

#include "platform.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

template <class T, class A>
struct double_word {
    xsimd::batch<T, A> hi;
    xsimd::batch<T, A> lo;
};

// Fast2Sum: hi + lo == a + b exactly, provided exponent(a) >= exponent(b)
// (every call site below has |a| >= |b| or a == 0).
// Every operand and result goes through opaque(): under -ffast-math the
// compiler would otherwise see through the inputs' own expressions, rewrite
// b - (hi - a) as (a + b) - hi = 0, or merge the exact b - (hi - a) with the
// caller's next addition, (b - t) - c -> b - (t + c), which rounds.
template <class T, class A>
SQUASH_INLINE double_word<T, A> fast_two_sum(xsimd::batch<T, A> a, xsimd::batch<T, A> b) noexcept
{
    a = opaque(a);
    b = opaque(b);
    auto hi = opaque(a + b);
    return {hi, opaque(b - opaque(hi - a))};
}

// c - a*b with one rounding of the final result (the residual of a product
// is what a corrected division and an exact square need). With a fused FMA
// that is one instruction; without, Dekker's product gives p + e == a*b
// exactly and (c - p) is exact because c is within a few ulps of p at every
// call site.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> residual(xsimd::batch<T, A> c, xsimd::batch<T, A> a, xsimd::batch<T, A> b) noexcept
{
    if constexpr (has_fused_fma<A>) {
        return fnmadd(a, b, c);
    } else {
        // Veltkamp split: 2^ceil(p/2) + 1 cuts a p-bit significand in halves.
        constexpr T splitter = std::is_same_v<T, float> ? T(4097) : T(134217729);
        auto split = [](xsimd::batch<T, A> x) {
            auto g = opaque(x * splitter);
            auto h = opaque(g - opaque(g - x));
            return double_word<T, A>{h, x - h};
        };
        auto [ah, al] = split(opaque(a));
        auto [bh, bl] = split(opaque(b));
        auto p = opaque(a * b);
        auto e = opaque(opaque(opaque(ah * bh - p) + ah * bl) + al * bh) + al * bl;
        return opaque(c - p) - e;
    }
}

// (n.hi + n.lo) / (d.hi + d.lo), rounded once up to ~2^-(2p-3) relative.
// q0 ~ n.hi / d.hi; the residual n - q0*d is computed (nearly) exactly, and
// q0 + residual * y, y ~ 1/d.hi, is the corrected quotient. The correction
// is below an ulp of q0, so y's own error δ enters as δ ulp: y may be a
// hardware estimate (δ <= 2^-11.5). Where there is one, q0 is a true
// division, which runs on the divider beside the FMA pipes that bound the
// kernels; elsewhere y is the division and q0 = n.hi * y.
// Needs d.hi > 0 and |d.lo| <= ulp(d.hi).
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> divide(double_word<T, A> n, double_word<T, A> d) noexcept
{
    auto y = reciprocal_estimate(d.hi);
    xsimd::batch<T, A> q0;
    if constexpr (has_reciprocal_estimate<T, A>)
        q0 = opaque(n.hi / d.hi);
    else
        q0 = opaque(n.hi * y);
    auto r = opaque(residual(n.hi, q0, opaque(d.hi))) + opaque(fnmadd(q0, d.lo, n.lo));  // n - q0*d
    return fmadd(r, y, q0);
}

// (hi + lo)^2 as a double word, dropping lo^2 (below 2^-2p relative).
template <class T, class A>
SQUASH_INLINE double_word<T, A> square(double_word<T, A> x) noexcept
{
    auto p = opaque(x.hi * x.hi);
    auto e = negate(residual(p, x.hi, x.hi));  // exact rounding error of p
    auto two_hi = x.hi + x.hi;
    return fast_two_sum(p, fmadd(two_hi, x.lo, e));
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
