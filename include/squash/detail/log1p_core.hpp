// squash/detail/log1p_core.hpp: log1p(e) for e in (0, 1], the core of softplus and log_sigmoid
// (softplus.hpp): in double for the float kernels (relative error below
// 2^-46), and as a double word for the double kernels (relative error about
// 2^-60). Constants from tools/fit_training.py.
// SPDX-License-Identifier: MIT
//
// Reduction. For e <= sqrt(2) − 1, g = e; above, 1 + e = 2(1 + g) with
// g = (e − 1)/2 in [sqrt(1/2) − 1, 0], and ln 2 is added. Then
//     log1p(g) = 2 atanh(s) = 2s + 2s^3 Q(s^2),   s = g / (2 + g),
// |s| <= 3 − 2 sqrt(2) = 0.1716, w = s^2 <= 0.02944, Q(w) = (atanh(s) − s)/s^3
// = 1/3 + w/5 + w^2/7 + ... No cancellation anywhere: for small e, s ~ e/2
// keeps e's relative precision (log1p, not log(1 + e)); above the threshold,
// log1p(g) >= log(sqrt(1/2)) = −0.3466 and ln 2 = 0.6931, so the sum is at
// least 0.3466. 2s^3 Q is at most w/3 <= 0.0099 of 2s, so Q's own error
// counts 1/100.
#ifndef SQUASH_DETAIL_LOG1P_CORE_HPP
#define SQUASH_DETAIL_LOG1P_CORE_HPP

#include <iterator>

#include "double_word.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

struct log1p_constants {
    // sqrt(2) − 1 rounded to double: the reduction's switch point.
    static constexpr double reduce_above = 0x1.a827999fcef32p-2;
    // ln 2 = ln2_hi + ln2_lo + 5.7e-34.
    static constexpr double ln2_hi = 0x1.62e42fefa39efp-1;
    static constexpr double ln2_lo = 0x1.abc9e3b39803fp-56;
    // Q on [0, 0.02944], Chebyshev fits with the coefficients rounded to
    // double; relative error of the rounded polynomial:
    //   degree 4: 2^-36.4, for the float kernels (2^-43 in log1p);
    static constexpr double Q_float[] = {0x1.5555555564e97p-2, 0x1.999998cafbbe2p-3, 0x1.249323e501d94p-3,
                                         0x1.c67ad9ecb9497p-4, 0x1.8c8c1378bf76ep-4};
    //   degree 7: 2^-54.0 (the rounding of 1/3 to double), for the double
    //   kernels (2^-60.6 in log1p).
    static constexpr double Q_double[] = {0x1.5555555555555p-2, 0x1.9999999999a38p-3, 0x1.2492492476ccbp-3,
                                          0x1.c71c7201592a1p-4, 0x1.745cf9048617ap-4, 0x1.3b1c355c3560fp-4,
                                          0x1.0fbe95aaf31a8p-4, 0x1.0c039e172b8dfp-4};
};

// log1p(e) for e in (0, 1], e >= 2^-170 (the float kernels' e^-|z|, |z| <=
// 112), all in double. Errors, relative to log1p(e): the reduction's e − 1
// and halving, 2^-54 of a result >= 0.346 when taken; s = g/(2 + g), two
// roundings; 2s(1 + wQ), a few roundings of 2^-53 plus Q's 2^-36.4 times
// w/3: in all below 2^-49.5, so e's own error (2^-47 from wide_exp) passes
// through nearly unchanged (d log1p(e) / log1p(e) <= de / e).
template <class A>
SQUASH_INLINE xsimd::batch<double, A> log1p_in_double(xsimd::batch<double, A> e) noexcept
{
    using batch = xsimd::batch<double, A>;
    using C = log1p_constants;
    auto reduced = e > batch(C::reduce_above);
    auto g = xsimd::select(reduced, (e - 1.0) * 0.5, e);
    auto s = g / (g + 2.0);
    auto w = s * s;
    auto two_s = s + s;
    auto atanh_tail = two_s * (w * horner(C::Q_float, w));  // 2 s^3 Q
    return opaque(xsimd::select(reduced, batch(C::ln2_hi), batch(0.0)) + two_s) + atanh_tail;
}

// log1p(e) as a double word for e = e.hi + e.lo in [2^-62, 1] (|e.lo| <=
// 2^-52 e.hi), relative error about 2^-60:
//   g           exact: e, or (e − 1)/2 with e.hi − 1 split exactly by
//               Fast2Sum (|−1| >= e.hi) and halved exactly;
//   2 + g       exact by Fast2Sum, then + g.lo (one rounding of a 2^-52 term);
//   s           divide_to_word: 2^-104;
//   2s^3 Q      in double: 2^-52 of a term <= 0.0099 |2s|, plus Q's 2^-54
//               times the same: 2^-58.6 of log1p;
//   sum         ln 2 (0 or 1 of it) + 2s.hi by Fast2Sum (|ln 2| >= |2s| when
//               reduced), the small terms added to the low part.
// The result is within about 2^-58 of log1p(e + error in e), and an error of
// e passes through to it at most 1:1.
template <class A>
SQUASH_INLINE double_word<double, A> log1p_word(double_word<double, A> e) noexcept
{
    using batch = xsimd::batch<double, A>;
    using C = log1p_constants;
    auto reduced = e.hi > batch(C::reduce_above);
    auto e_minus_1 = fast_two_sum(batch(-1.0), e.hi);
    double_word<double, A> g{xsimd::select(reduced, e_minus_1.hi * 0.5, e.hi),
                             xsimd::select(reduced, (e_minus_1.lo + e.lo) * 0.5, e.lo)};
    auto two_plus_g = fast_two_sum(batch(2.0), g.hi);
    two_plus_g.lo = two_plus_g.lo + g.lo;
    auto s = divide_to_word(g, two_plus_g);
    auto w = s.hi * s.hi;
    auto two_s_hi = s.hi + s.hi;
    auto atanh_tail = two_s_hi * (w * horner(C::Q_double, w));
    auto sum = fast_two_sum(xsimd::select(reduced, batch(C::ln2_hi), batch(0.0)), two_s_hi);
    auto small = (s.lo + s.lo) + xsimd::select(reduced, batch(C::ln2_lo), batch(0.0)) + atanh_tail;
    return {sum.hi, opaque(sum.lo + small)};
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
