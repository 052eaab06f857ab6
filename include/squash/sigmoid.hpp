// squash/sigmoid.hpp: the logistic function σ(z) = 1 / (1 + e^-z): its kernels (float
// correctly rounded via double, double faithful via double words) and the
// function object squash::sigmoid.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_SIGMOID_HPP
#define SQUASH_SIGMOID_HPP

#include <array>

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/logistic_core.hpp"
#include "detail/round_once.hpp"
#include "elementwise.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// float: σ = 1 / (1 + E), E = e^-z, in double (see detail/round_once.hpp).
// Not reflected: E runs from 2^-161.6 to 2^161.6 at the clamp, and a
// relative error of E is a relative error of σ either way.
struct sigmoid_round_once : rare_inputs_below_normal {  // subnormal results for z in (-103.98, -87.34)
    template <class A>
    SQUASH_INLINE static xsimd::batch<double, A> wide(xsimd::batch<double, A> x) noexcept
    {
        return 1.0 / wide_exp(x).plus_one();
    }
    static dd::number exact(float x) noexcept
    {
        return dd::divide({1, 0}, dd::add(dd::exp(x).value(), 1.0));
    }
};

// double: σ(z) = 1 / (1 + e^-z).
// With e = e^-|z| <= 1 nothing can overflow, and the formula reflects:
//   z >= 0:  σ = 1 / (1 + e)
//   z <  0:  σ = e / (1 + e) = 2^k (1 + m) / (1 + e)
// Numerator and denominator are double words, so the one corrected division
// rounds (almost) once; the 2^k of the negative side is applied last so a
// subnormal result is rounded once too.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> sigmoid_kernel(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    if constexpr (std::is_same_v<T, float>) {
        return round_once<sigmoid_round_once>(z);
    } else {
        auto [parts, E, D] = logistic_core(z);
        auto negative = z < batch(0);
        double_word<T, A> numerator{xsimd::select(negative, E.hi, batch(1)), xsimd::select(negative, E.lo, batch(0))};
        auto q = divide(numerator, D);
        return keep_nan(z, xsimd::select(negative, scale_by_pow2k(q, parts), q));
    }
}

}  // namespace detail

struct sigmoid_fn : elementwise_function<sigmoid_fn> {
    static constexpr char const* name = "sigmoid";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept { return detail::sigmoid_kernel(z); }
    // float, two registers at once with each one's bits (the array loops).
    template <class A>
    SQUASH_INLINE static std::array<xsimd::batch<float, A>, 2> kernel_pair(xsimd::batch<float, A> z0,
                                                                           xsimd::batch<float, A> z1) noexcept
    {
        return detail::round_once<detail::sigmoid_round_once>(z0, z1);
    }
};

// The logistic function σ(z) = 1 / (1 + e^-z), for float or double: a
// scalar, an xsimd::batch, a contiguous range into another, or a range in
// place.
//   range      [0, 1]; σ(0) = 0.5, σ(+inf) = 1, σ(-inf) = +0, NaN -> the
//              same NaN, quieted; no overflow, invalid or divide-by-zero
//              flag for any other input.
//   float      correctly rounded (round to nearest, ties to even), down to
//              the subnormal results of z in (-103.98, -87.34): the same
//              bits on every instruction set, compiler and CPU.
//   double     faithful: within 1 ulp (measured: 0.76).
//   Under flush-to-zero, results below the normal range are 0.
inline constexpr sigmoid_fn sigmoid{};

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
