// squash/detail/double_word.hpp: more double-word arithmetic on batches (beyond detail/eft.hpp),
// for the double kernels of the training functions (softplus.hpp, silu.hpp):
// TwoSum for operands of any magnitude, products and a quotient that keep
// their low part, and a renormalization.
// SPDX-License-Identifier: MIT
//
// A double word is an unevaluated sum hi + lo (struct double_word, eft.hpp);
// "relative error 2^-104" below means |hi + lo − exact| <= 2^-104 |exact|.
// References: Dekker (1971); Muller et al., Handbook of Floating-Point
// Arithmetic, 2nd ed., ch. 4 and 5; Joldes, Muller, Popescu, "Tight and
// rigorous error bounds for basic building blocks of double-word
// arithmetic" (2017). Every exact step goes through opaque() (see eft.hpp).
#ifndef SQUASH_DETAIL_DOUBLE_WORD_HPP
#define SQUASH_DETAIL_DOUBLE_WORD_HPP

#include <cstddef>

#include "eft.hpp"
#include "polynomial.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

// a + b = hi + lo exactly, whatever the magnitudes (Knuth's TwoSum, six
// operations, no branch), barring overflow.
template <class T, class A>
SQUASH_INLINE double_word<T, A> two_sum(xsimd::batch<T, A> a, xsimd::batch<T, A> b) noexcept
{
    a = opaque(a);
    b = opaque(b);
    auto hi = opaque(a + b);
    auto b_part = opaque(hi - a);
    auto a_part = opaque(hi - b_part);
    return {hi, opaque(opaque(a - a_part) + opaque(b - b_part))};
}

// x renormalized: hi the rounded sum, lo the rest (needs |x.hi| >= |x.lo|).
template <class T, class A>
SQUASH_INLINE double_word<T, A> renormalize(double_word<T, A> x) noexcept
{
    return fast_two_sum(x.hi, x.lo);
}

// a·b as a double word: exact (barring underflow of the low part).
template <class T, class A>
SQUASH_INLINE double_word<T, A> exact_product(xsimd::batch<T, A> a, xsimd::batch<T, A> b) noexcept
{
    auto hi = opaque(a * b);
    return {hi, negate(residual(hi, a, b))};
}

// x·y for a double word x and a number y: relative error about 2^-2p+1.
template <class T, class A>
SQUASH_INLINE double_word<T, A> multiply(double_word<T, A> x, xsimd::batch<T, A> y) noexcept
{
    auto p = exact_product(x.hi, y);
    return {p.hi, fmadd(x.lo, y, p.lo)};
}

// x·y for two double words: relative error about 2^-2p+2 (x.lo·y.lo,
// below 2^-2p relative, is dropped).
template <class T, class A>
SQUASH_INLINE double_word<T, A> multiply(double_word<T, A> x, double_word<T, A> y) noexcept
{
    auto p = exact_product(x.hi, y.hi);
    return {p.hi, fmadd(x.hi, y.lo, fmadd(x.lo, y.hi, p.lo))};
}

// n/d as a double word, for d.hi != 0 and |d.lo| <= ulp(d.hi): relative
// error about 2^-2p+3. One division: r = 1/d.hi; q0 = n.hi·r is within
// about an ulp of the quotient; the remainder n − q0·d is computed exactly
// up to its last terms (residual), and q1 = remainder·r corrects q0 (q1's
// own relative error, r's 2^-p, is 2^-p of a term below 2^-p+1 |q|).
template <class T, class A>
SQUASH_INLINE double_word<T, A> divide_to_word(double_word<T, A> n, double_word<T, A> d) noexcept
{
    auto r = opaque(T(1) / d.hi);
    auto q0 = opaque(n.hi * r);
    auto remainder = opaque(residual(n.hi, q0, opaque(d.hi))) + opaque(fnmadd(q0, d.lo, n.lo));
    return {q0, remainder * r};
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
