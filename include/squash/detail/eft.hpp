// squash — SIMD logistic activation functions.
// SPDX-License-Identifier: MIT
//
// Error-free transformations and double-word ("hi + lo") arithmetic, the
// tools that let a float kernel carry ~2x float precision where it matters.
// References: Dekker (1971); Muller et al., Handbook of Floating-Point
// Arithmetic, 2nd ed., ch. 4 and 5.
#ifndef SQUASH_DETAIL_EFT_HPP
#define SQUASH_DETAIL_EFT_HPP

#include "platform.hpp"

namespace squash::detail {

template <class T, class A>
struct double_word {
    xsimd::batch<T, A> hi;
    xsimd::batch<T, A> lo;
};

// Fast2Sum: hi + lo == a + b exactly, provided exponent(a) >= exponent(b)
// (every call site below has |a| >= |b| or a == 0).
template <class T, class A>
inline double_word<T, A> fast_two_sum(xsimd::batch<T, A> a, xsimd::batch<T, A> b) noexcept
{
    auto hi = opaque(a + b);
    return {hi, b - (hi - a)};
}

// a*b - c, computed with one rounding of the final result (the residual of a
// product is what a corrected division needs). With a fused FMA that is one
// instruction; without, Dekker's product gives p + e == a*b exactly and
// (p - c) is exact because c is within a few ulps of p at every call site.
template <class T, class A>
inline xsimd::batch<T, A> fms_residual(xsimd::batch<T, A> a, xsimd::batch<T, A> b, xsimd::batch<T, A> c) noexcept
{
    if constexpr (has_fused_fma<A>) {
        return xsimd::fms(a, b, c);
    } else {
        // Veltkamp split: 2^ceil(p/2) + 1 cuts a p-bit significand in halves.
        constexpr T splitter = std::is_same_v<T, float> ? T(4097) : T(134217729);
        auto split = [](xsimd::batch<T, A> x) {
            auto g = opaque(x * splitter);
            auto h = opaque(g - (g - x));
            return double_word<T, A>{h, x - h};
        };
        auto [ah, al] = split(a);
        auto [bh, bl] = split(b);
        auto p = opaque(a * b);
        auto e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
        return (p - c) + e;
    }
}

// (n.hi + n.lo) / (d.hi + d.lo) to about 0.5 ulp + 2^-2p relative, with one
// reciprocal: q0 = n.hi / d.hi is within an ulp or so, and one correction
// with the exactly computed residual n - q0*d recovers the last bit. Needs
// d.hi > 0 and |d.lo| <= ulp(d.hi).
template <class T, class A>
inline xsimd::batch<T, A> divide(double_word<T, A> n, double_word<T, A> d) noexcept
{
    auto recip = T(1) / d.hi;
    auto q0 = n.hi * recip;
    auto residual = -fms_residual(q0, d.hi, n.hi);   // n.hi - q0*d.hi
    residual = residual + xsimd::fnma(q0, d.lo, n.lo);  // + n.lo - q0*d.lo
    return xsimd::fma(residual, recip, q0);
}

// (hi + lo)^2 as a double word, dropping lo^2 (below 2^-2p relative).
template <class T, class A>
inline double_word<T, A> square(double_word<T, A> x) noexcept
{
    auto p = opaque(x.hi * x.hi);
    auto e = fms_residual(x.hi, x.hi, p);  // exact rounding error of p
    auto two_hi = x.hi + x.hi;
    return fast_two_sum(p, xsimd::fma(two_hi, x.lo, e));
}

}  // namespace squash::detail

#endif
