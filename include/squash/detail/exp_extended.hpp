// squash/detail/exp_extended.hpp: the logistic terms 1 + m, 1 + e (detail/exp_core.hpp,
// detail/logistic_core.hpp) from parts of e^-|z| taken with the clamp of the argument chosen by the
// caller: silu(z) = z·σ(z) and silu'(z) ~ z·e^z stay above half the least
// subnormal down to z = −751.8 (double), below exp_core's clamp of −746
// (where e^z alone vanishes).
// SPDX-License-Identifier: MIT
#ifndef SQUASH_DETAIL_EXP_EXTENDED_HPP
#define SQUASH_DETAIL_EXP_EXTENDED_HPP

#include "logistic_core.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

// (exp_neg_abs_down_to(z, x_min), e^-|z| with the caller's clamp, is in
// exp_core.hpp: exp_neg_abs is it with exp_core's own clamp.)

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
