// squash/detail/polynomial.hpp: how every kernel evaluates its fitted
// polynomials: Horner's rule, and a second-order Horner for the long ones.
// SPDX-License-Identifier: MIT
//
// c[0] + c[1] x + ... + c[N-1] x^(N-1), coefficients in a T array (float or
// double, as the batch), fused where the arch has FMA (detail/platform.hpp).
//
// Horner's rule is one chain of N - 1 dependent fused operations. The
// second-order form splits a polynomial into its even and odd coefficients,
// two polynomials in x^2 evaluated side by side,
//   q(x) = even(x^2) + x odd(x^2),
// joined by one more fused operation: the same number of operations (given
// x^2, which the callers have anyway), a chain about half as long.
// polynomial() uses it for c[1] + c[2] x + ... and adds c[0] last, by
// Horner's own last step: that keeps Horner's rounding error (the join's
// errors are scaled by x), where the form on all of c lost up to 0.06 ulp
// in the exact double kernels (bipolar_sigmoid 0.763 -> 0.826 ulp, 3*10^6
// inputs of [-2, 2] against libquadmath; with c[0] last, 0.763 again).
// The long polynomials are latency-bound even with the range loop
// interleaving four batches: measured (paired runs on Zen 4, GCC 12) 6-15%
// faster for the double kernels with 10 or 11 coefficients
// (fast::bipolar_sigmoid, fast::sigmoid off AVX-512; exact bipolar_sigmoid,
// and sigmoid, sigmoid_grad off AVX-512). For the float fast tier's 5 it was
// 3% slower on AVX2, so polynomial() keeps Horner's rule up to 5.
#ifndef SQUASH_DETAIL_POLYNOMIAL_HPP
#define SQUASH_DETAIL_POLYNOMIAL_HPP

#include <cstddef>

#include "platform.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

// c[0] + c[1] x + ... by Horner's rule.
template <class T, class A, std::size_t N>
SQUASH_INLINE xsimd::batch<T, A> horner(T const (&c)[N], xsimd::batch<T, A> x) noexcept
{
    using batch = xsimd::batch<T, A>;
    auto p = batch(c[N - 1]);
    for (std::size_t i = N - 1; i-- > 0;)
        p = fmadd(p, x, batch(c[i]));
    return p;
}

// c[First] + c[First + 1] x + ... (the coefficients from First on) as
// even(x2) + x odd(x2), x2 = x^2 (second-order Horner).
template <std::size_t First = 0, class T, class A, std::size_t N>
SQUASH_INLINE xsimd::batch<T, A> horner_even_odd(T const (&c)[N], xsimd::batch<T, A> x, xsimd::batch<T, A> x2) noexcept
{
    static_assert(N >= First + 2, "horner_even_odd needs an odd coefficient");
    using batch = xsimd::batch<T, A>;
    constexpr std::size_t M = N - First;  // the terms evaluated
    constexpr std::size_t last_even = First + (M % 2 == 1 ? M - 1 : M - 2);
    constexpr std::size_t last_odd = First + (M % 2 == 0 ? M - 1 : M - 2);
    auto even = batch(c[last_even]);
    for (std::size_t i = last_even; i >= First + 2; i -= 2)
        even = fmadd(even, x2, batch(c[i - 2]));
    auto odd = batch(c[last_odd]);
    for (std::size_t i = last_odd; i >= First + 3; i -= 2)
        odd = fmadd(odd, x2, batch(c[i - 2]));
    return fmadd(odd, x, even);
}

// What the kernels call for a polynomial whose caller has x^2: Horner's rule
// up to 5 coefficients; beyond, c[0] + x q(x) with q by the second-order
// form, so that the last step, and its rounding, is Horner's.
template <class T, class A, std::size_t N>
SQUASH_INLINE xsimd::batch<T, A> polynomial(T const (&c)[N], xsimd::batch<T, A> x, xsimd::batch<T, A> x2) noexcept
{
    if constexpr (N <= 5)
        return horner(c, x);
    else
        return fmadd(horner_even_odd<1>(c, x, x2), x, xsimd::batch<T, A>(c[0]));
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
