// squash/detail/exp_extended.hpp: e^-|z| and the logistic terms 1 + m, 1 + e (detail/exp_core.hpp,
// detail/logistic_core.hpp) with the clamp of the argument chosen by the
// caller: silu(z) = z·σ(z) and silu'(z) ~ z·e^z stay above half the least
// subnormal down to z = −751.8 (double), below exp_core's clamp of −746
// (where e^z alone vanishes).
// SPDX-License-Identifier: MIT
#ifndef SQUASH_DETAIL_EXP_EXTENDED_HPP
#define SQUASH_DETAIL_EXP_EXTENDED_HPP

#include "logistic_core.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

// exp_neg_abs(z) with −|z| clamped to x_min instead of exp_constants<T>::
// x_min: the same steps (see exp_core.hpp), valid while |k| < 2^11 (k·ln2_hi
// exact) for double, i.e. x_min >= −1400.
template <class T, class A>
SQUASH_INLINE exp_parts<T, A> exp_neg_abs_down_to(xsimd::batch<T, A> z, T x_min) noexcept
{
    using C = exp_constants<T>;
    using batch = xsimd::batch<T, A>;
    auto x = xsimd::max(batch(x_min), negative_abs(z));
    auto t = opaque(fmadd(x, batch(C::log2e), batch(C::round_magic)));
    auto k = t - C::round_magic;
    auto reduced = fnmadd(k, batch(C::ln2_hi), x);
    auto [r, r_lo] = fast_two_sum(reduced, opaque(k * -C::ln2_lo));
    auto p = batch(C::P[std::size(C::P) - 1]);
    for (std::size_t i = std::size(C::P) - 1; i-- > 0;)
        p = fmadd(p, r, batch(C::P[i]));
    auto tail = fmadd(r * r, p, fmadd(r_lo, r, r_lo));
    auto m = fast_two_sum(r, tail);
    auto k_normal = xsimd::max(k, batch(C::k_min_normal));
    return {k, pow2(k_normal), m};
}

// logistic_core's terms E = 1 + m and D = 1 + e from given parts.
template <class T, class A>
SQUASH_INLINE logistic_terms<T, A> logistic_terms_of(exp_parts<T, A> const& parts) noexcept
{
    using batch = xsimd::batch<T, A>;
    auto E = fast_two_sum(batch(1), parts.m.hi);
    E.lo = E.lo + parts.m.lo;
    auto D = fast_two_sum(batch(1), parts.scale * E.hi);
    D.lo = fmadd(parts.scale, E.lo, D.lo);
    return {parts, E, D};
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
