// squash/detail/round_once.hpp: how the exact tier's float functions are correctly rounded: each
// is computed in double to a relative error below 2^-44 and rounded once to
// float; a lane whose double result lies so close to a float rounding
// boundary that the rounding could go either way is recomputed in
// double-double (detail/double_double.hpp) and rounded from there.
// Correct rounding makes the result a function of the input alone: the same
// bits on every instruction set, compiler, flag set and CPU (flush-to-zero
// mode, which the CPU applies to subnormal results, is the one exception).
// SPDX-License-Identifier: MIT
#ifndef SQUASH_DETAIL_ROUND_ONCE_HPP
#define SQUASH_DETAIL_ROUND_ONCE_HPP

#include <cstdint>

#include "double_double.hpp"
#include "exp_core.hpp"
#include "wide_exp.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail {

// Inputs are clamped to |z| <= 112: every function here has, beyond that,
// the float value it has at +-112 (sigma and sigma' below half the least
// subnormal, 2^-150, or within 2^-161 of 1; sigma2 within 2^-161 of +-1),
// so the clamp changes no result, and e^112 ~ 2^161.6 keeps every
// intermediate far inside the double range.
inline constexpr float round_once_clamp = 112.0f;

// Tolerance of the boundary test, in units of the last place of the double
// result y (its binade's spacing, 2^-52 relative). The fast evaluations are
// within 2^-44.5 relative (worst: sigma' = E / (1 + E)^2, three roundings on
// top of e^x's 2^-47), i.e. within 2^8.5 of those units; 2^10 leaves 2.8x.
inline constexpr std::int32_t round_once_tolerance = 1 << 10;

// True where y (>= 0) is within the tolerance of a point halfway between two
// floats. Above 2^-126 (normal floats) a float's last place is bit 29 of the
// double's significand and the midpoints are where bit 28 is 1 and the bits
// below are 0; below 2^-126 (subnormal floats, spacing 2^-149) y + 2^-126
// has its float rounding point at the same place (its spacing is 2^-149
// too), at the cost of a rounding of 2^-179, half a unit of the test.
// Shifting the bits left by 35 leaves the low 29 in the upper 32-bit lane
// (the lower one is 0, never near), so the test runs on 32-bit lanes: SSE2
// has no 64-bit comparison.
// A function whose fast path never puts a result below 2^-126 near a float
// boundary (the bipolar sigmoid) skips the shift: a wrong answer of the test
// there only sends a lane to the slow path.
template <bool subnormal_results, class A>
SQUASH_INLINE xsimd::batch_bool<std::int32_t, A> near_float_midpoint(xsimd::batch<double, A> y) noexcept
{
    using batch = xsimd::batch<double, A>;
    using int32_batch = xsimd::batch<std::int32_t, A>;
    auto s = y;
    if constexpr (subnormal_results)
        s = xsimd::select(y < batch(0x1p-126), y + 0x1p-126, y);
    auto shifted = to_bits(s) << 35;
    // The midpoint is bit 31 of the shifted lane: (w + 8T) as a signed
    // 32-bit number is at most INT32_MIN + 16T exactly when |w - 2^31| <= 8T.
    constexpr std::int32_t window = 8 * round_once_tolerance;
    auto w = reinterpret<std::int32_t>(shifted) + int32_batch(window);
    return w <= int32_batch(std::numeric_limits<std::int32_t>::min() + 2 * window);
}

// The lanes the boundary test flagged, recomputed by F::exact. Out of line
// and rarely called (about 2^-18 of random inputs).
template <class F, class A>
[[gnu::noinline, gnu::cold]] xsimd::batch<float, A> round_hard_lanes(xsimd::batch<float, A> x,
                                                                    xsimd::batch<float, A> result,
                                                                    xsimd::batch<double, A> lo,
                                                                    xsimd::batch<double, A> hi) noexcept
{
    constexpr std::size_t n = xsimd::batch<float, A>::size;
    alignas(A::alignment()) float inputs[n];
    alignas(A::alignment()) float outputs[n];
    alignas(A::alignment()) double wide[n];
    x.store_aligned(inputs);
    result.store_aligned(outputs);
    lo.store_aligned(wide);
    hi.store_aligned(wide + n / 2);
    for (std::size_t i = 0; i < n; ++i) {
        // NaN lanes are left to keep_nan.
        if ((bit_copy<std::uint32_t>(inputs[i]) & 0x7fffffffu) > 0x7f800000u)
            continue;
        double y = wide[i];
        double s = F::subnormal_results && y < 0x1p-126 ? y + 0x1p-126 : y;
        auto w = static_cast<std::int32_t>(static_cast<std::uint32_t>(bit_copy<std::uint64_t>(s) << 3) +
                                           std::uint32_t(8 * round_once_tolerance));
        if (w <= std::numeric_limits<std::int32_t>::min() + 16 * round_once_tolerance)
            outputs[i] = dd::round_to_float(F::exact(inputs[i]));
    }
    return xsimd::batch<float, A>::load_aligned(outputs);
}

// f(z) correctly rounded, for F with
//   static batch<double, A> wide(batch<double, A> x)   f at z = -x, to 2^-44.5
//   static dd::number exact(float x)                    f at z = -x, to ~2^-95
//   static constexpr bool subnormal_results             see near_float_midpoint
// where x = -z clamped to [-112, 112]; f(z) >= 0 is assumed by the boundary
// test (the bipolar sigmoid passes |z| and restores the sign).
template <class F, class A>
SQUASH_INLINE xsimd::batch<float, A> round_once(xsimd::batch<float, A> z) noexcept
{
    using fbatch = xsimd::batch<float, A>;
    auto x = xsimd::min(xsimd::max(negate(z), fbatch(-round_once_clamp)), fbatch(round_once_clamp));
    auto [lo, hi] = widen(x);
    auto y_lo = F::wide(lo);
    auto y_hi = F::wide(hi);
    auto result = narrow(y_lo, y_hi);
    if (xsimd::any(near_float_midpoint<F::subnormal_results>(y_lo) ||
                   near_float_midpoint<F::subnormal_results>(y_hi)))
        result = round_hard_lanes<F>(x, result, y_lo, y_hi);
    return result;
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
