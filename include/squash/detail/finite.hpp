// squash/detail/finite.hpp: finding the lanes of a batch that are infinite or NaN, for kernels that
// compute on the fast path as if every input were finite and redo the rare
// other lanes out of line (the backward functions, sigmoid_backward.hpp).
// SPDX-License-Identifier: MIT
#ifndef SQUASH_DETAIL_FINITE_HPP
#define SQUASH_DETAIL_FINITE_HPP

#include "platform.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

// The bits of the largest finite T: |x| has bits above these exactly when
// x is an infinity or a NaN.
template <class T>
inline constexpr bits_t<T> largest_finite_bits =
    std::is_same_v<T, float> ? bits_t<T>(0x7f7fffff) : bits_t<T>(0x7fefffffffffffff);

// True if any lane of x is an infinity or a NaN. On the bits, which
// -ffinite-math-only cannot fold away; one instruction with AVX-512DQ.
template <class T, class A>
SQUASH_INLINE bool any_not_finite(xsimd::batch<T, A> x) noexcept
{
#if defined(__AVX512DQ__)
    if constexpr (std::is_base_of_v<xsimd::avx512dq, A>) {
        constexpr int infinity_or_nan = 0x01 | 0x08 | 0x10 | 0x80;  // QNaN, +inf, -inf, SNaN
        if constexpr (std::is_same_v<T, float>)
            return _mm512_fpclass_ps_mask(x, infinity_or_nan) != 0;
        else
            return _mm512_fpclass_pd_mask(x, infinity_or_nan) != 0;
    } else
#endif
    {
        using int_batch = xsimd::batch<bits_t<T>, A>;
        return xsimd::any(to_bits(abs_bits(x)) > int_batch(largest_finite_bits<T>));
    }
}

// if_not_finite where x is an infinity or a NaN, otherwise x.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> replace_not_finite(xsimd::batch<T, A> x, xsimd::batch<T, A> if_not_finite) noexcept
{
    using int_batch = xsimd::batch<bits_t<T>, A>;
    return from_bits<T, A>(select_if_greater(to_bits(abs_bits(x)), int_batch(largest_finite_bits<T>),
                                             to_bits(if_not_finite), to_bits(x)));
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
