// squash/fast_training.hpp: the fast tier of the training functions:
// squash::fast::sigmoid_backward, bipolar_sigmoid_backward and
// sigmoid_with_grad.
// SPDX-License-Identifier: MIT
//
// The backward passes are what a framework's own loop computes,
// dx = dy·y(1 − y) and dx = dy·(1 − y²)/2, arranged so that nothing cancels
// and at most three roundings meet: within 3 ulps of the exact value for the
// given dy and y wherever dx is normal (the exact tier,
// sigmoid_backward.hpp, is within 0.5 + 2^-21 ulp and costs two more
// operations per element). sigmoid_with_grad shares one exponential between
// σ(z) and σ'(z), on the fast tier's pieces (fast.hpp).
#ifndef SQUASH_FAST_TRAINING_HPP
#define SQUASH_FAST_TRAINING_HPP

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/exp_core.hpp"
#include "detail/fast_exp.hpp"
#include "detail/fast_x86.hpp"
#include "elementwise.hpp"
#include "fast.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// dx = dy·y(1 − y). With a fused multiply-add, t = y − y² is rounded once
// (the product is exact inside the fused operation, so nothing cancels near
// y = 1), and dy·t once more: two roundings, each within 2^-p relative (p =
// 24 float, 53 double), so |error| <= (2 + 2^-p) ulp, since an ulp of x is
// more than 2^-p |x|. Without one (SSE2), y(1 − y): 1 − y is exact for
// y >= 1/2 (Sterbenz) and rounded once below, then two products: at most
// three roundings, |error| <= (3 + 2^-p+2) ulp. A subnormal y gives t = y
// exactly (y² is far below its last bit), so t is never a rounded
// subnormal. opaque: -ffast-math may not turn y(1 − y) into y − y·y.
// A NaN dy gives that NaN, quieted; otherwise a NaN y gives y's NaN (the
// products carry it), as in the exact tier.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_sigmoid_backward_kernel(xsimd::batch<T, A> dy, xsimd::batch<T, A> y) noexcept
{
    using batch = xsimd::batch<T, A>;
    batch t;
    if constexpr (has_fused_fma<A>)
        t = fnmadd(y, y, y);
    else
        t = y * opaque(batch(T(1)) - y);
    return keep_nan(dy, dy * t);
}

// dx = dy·(1 − y²)/2. With a fused multiply-add, 1 − y² is rounded once
// (exact product inside), the halving is exact (1 − y² >= 2^-p+1 for every
// |y| < 1 of the type, so it stays normal), and dy times it is rounded once:
// |error| <= (2 + 2^-p) ulp. Without one: for |y| < 1/2, t = RN(1 − RN(y²))
// errs by at most 2^-p (y² + t) <= 1.34·2^-p t (y² <= 1/4, t >= 3/4), and
// with the product by dy |error| <= 2.35 ulp; for |y| >= 1/2, (1 − |y|) is exact and (1 + |y|) and the product are
// rounded: with the product by dy, |error| <= (3 + 2^-p+2) ulp. keep_nan
// restores a NaN y's sign, which |y| clears.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_bipolar_sigmoid_backward_kernel(xsimd::batch<T, A> dy,
                                                                      xsimd::batch<T, A> y) noexcept
{
    using batch = xsimd::batch<T, A>;
    batch t;
    if constexpr (has_fused_fma<A>) {
        t = fnmadd(y, y, batch(T(1))) * T(0.5);
    } else {
        auto a = abs_bits(y);
        auto small = batch(T(1)) - opaque(y * y);
        auto large = opaque(batch(T(1)) - a) * (batch(T(1)) + a);
        t = keep_nan(y, xsimd::select(a < batch(T(0.5)), small, large) * T(0.5));
    }
    return keep_nan(dy, dy * t);
}

// σ(z) and σ'(z) from one exponential: s = σ(−|z|), the value
// fast_sigmoid_grad_kernel computes (flushed to +0 where it is subnormal),
// gives σ'(z) = s − s² (the bits of fast::sigmoid_grad) and σ(z) = s for
// z <= 0 (the bits of fast::sigmoid, whose computation for a z <= 0 is the
// same) or 1 − s for z > 0. There s is in [0, 1/2] and 1 − s in [1/2, 1],
// whose ulp is at least twice s's: s's error of at most 4 of its ulps is at
// most 2 of the result's, plus the rounding of 1 − s, so |error| <= 2.5
// ulp; 1 − s rises as s falls with |z|, so σ stays non-decreasing, and
// s(0) = 1/2 gives 1/2 on both sides of 0.
template <class T, class A>
SQUASH_INLINE value_and_grad<xsimd::batch<T, A>> fast_sigmoid_with_grad_kernel(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    auto s = fast_sigmoid_of_minus_abs(z);
    auto value = xsimd::select(z > batch(T(0)), batch(T(1)) - s, s);
    auto grad = fnmadd(s, s, s);
    if constexpr (fast_nan_is_carried<A>)
        return {value, grad};
    else
        return {keep_nan(z, value), keep_nan(z, grad)};
}

}  // namespace detail

namespace fast {

struct sigmoid_backward_fn : backward_function<sigmoid_backward_fn> {
    static constexpr char const* name = "fast::sigmoid_backward";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> dy, xsimd::batch<T, A> y) noexcept
    {
        return detail::fast_sigmoid_backward_kernel(dy, y);
    }
};

struct bipolar_sigmoid_backward_fn : backward_function<bipolar_sigmoid_backward_fn> {
    static constexpr char const* name = "fast::bipolar_sigmoid_backward";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> dy, xsimd::batch<T, A> y) noexcept
    {
        return detail::fast_bipolar_sigmoid_backward_kernel(dy, y);
    }
};

struct sigmoid_with_grad_fn : two_output_function<sigmoid_with_grad_fn> {
    static constexpr char const* name = "fast::sigmoid_with_grad";
    static constexpr char const* value_name = "y";
    static constexpr char const* grad_name = "g";
    template <class T, class A>
    SQUASH_INLINE static value_and_grad<xsimd::batch<T, A>> kernel(xsimd::batch<T, A> z) noexcept
    {
        return detail::fast_sigmoid_with_grad_kernel(z);
    }
};

// dx = dy·y(1 − y) from the sigmoid's OUTPUT y (not z: fast::sigmoid_grad
// takes z), in the call forms and with the overlap rules of
// squash::sigmoid_backward. For y in [−1, 1] and finite dy, within 2 ulps
// (+2^-p) of the exact dy·y(1 − y) with a fused multiply-add (AVX2,
// AVX-512), 3 ulps (+2^-p+2) without (SSE2), wherever dx is normal. Special
// values and NaN as squash::sigmoid_backward.
inline constexpr sigmoid_backward_fn sigmoid_backward{};

// dx = dy·(1 − y²)/2 from the bipolar sigmoid's output y, with the bounds,
// call forms and special values of fast::sigmoid_backward.
inline constexpr bipolar_sigmoid_backward_fn bipolar_sigmoid_backward{};

// σ(z) and σ'(z) from one exponential, in the call forms of
// squash::sigmoid_with_grad. g has the bits of fast::sigmoid_grad(z); y has
// those of fast::sigmoid(z) for z <= 0 and is within 2.5 ulps for z > 0
// (within 4 everywhere, flushed to +0 where the exact σ(z) is subnormal,
// non-decreasing). NaN in gives that NaN out in both.
inline constexpr sigmoid_with_grad_fn sigmoid_with_grad{};

}  // namespace fast

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
