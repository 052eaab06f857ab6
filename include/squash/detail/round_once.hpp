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

#include <array>
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

// The boundary test, for y >= 0 in the normal float range (>= 2^-126):
// there a float's last place is bit 29 of the double's significand, and the
// points halfway between two floats are those whose low 29 bits are 2^28.
// y is near one when its low 29 bits are within T of 2^28, that is when
// (bits(y) + T - 2^28) mod 2^29 < 2T, that is when bits 2T .. 2^28 of
// bits(y) + T - 2^28 are all 0 (T a power of two): an addition and a test
// under a mask, whose bits below 2^29 no carry from above can reach.
inline constexpr std::int64_t midpoint_offset = round_once_tolerance - (std::int64_t(1) << 28);
inline constexpr std::int64_t midpoint_window = (std::int64_t(1) << 29) - 2 * round_once_tolerance;

SQUASH_INLINE bool near_float_midpoint(double y) noexcept
{
    return ((bit_copy<std::int64_t>(y) + midpoint_offset) & midpoint_window) == 0;
}

// Whether any lane of the double results ys is near a midpoint (NaN lanes
// may answer either way: the slow path leaves them alone). One test for all
// of them, so the common path has one branch however many registers it holds.
template <class A, class... More>
SQUASH_INLINE bool any_near_float_midpoint(xsimd::batch<double, A> y, More... more) noexcept
{
    using int_batch = xsimd::batch<std::int64_t, A>;
    auto shifted = [](xsimd::batch<double, A> v) { return to_bits(v) + int_batch(midpoint_offset); };
#if XSIMD_WITH_AVX512F
    // One vptestnmq per register (GCC 12 does not fuse the AND and the test).
    if constexpr (std::is_base_of_v<xsimd::avx512f, A>) {
        __m512i window = _mm512_set1_epi64(midpoint_window);
        auto near = [&](xsimd::batch<double, A> v) { return _mm512_testn_epi64_mask(shifted(v), window); };
        return (near(y) | ... | near(more)) != 0;
    } else
#endif
    {
        auto near = [&](xsimd::batch<double, A> v) { return (shifted(v) & int_batch(midpoint_window)) == int_batch(0); };
        return xsimd::any((near(y) || ... || near(more)));
    }
}

// Below 2^-126 (subnormal floats, spacing 2^-149) y + 2^-126 has its float
// rounding point where a normal float's is (its spacing is 2^-149 too), at
// the cost of a rounding of 2^-179, half a unit of the test.
template <class A>
SQUASH_INLINE xsimd::batch<double, A> lift_subnormal(xsimd::batch<double, A> y) noexcept
{
    using batch = xsimd::batch<double, A>;
    return xsimd::select(y < batch(0x1p-126), y + 0x1p-126, y);
}

SQUASH_INLINE double lift_subnormal(double y) noexcept { return y < 0x1p-126 ? y + 0x1p-126 : y; }

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
        if (near_float_midpoint(F::subnormal_results ? lift_subnormal(y) : y))
            outputs[i] = dd::round_to_float(F::exact(inputs[i]));
    }
    return xsimd::batch<float, A>::load_aligned(outputs);
}

// The rare inputs of σ and σ' (for F below to derive from): |z| > 87
// holds every input whose result is below 2^-126 (σ, σ' < 2^-126 needs
// e^-|z| < 2^-126, that is |z| > 87.33); their results are lifted
// (lift_subnormal), nothing else changes.
struct rare_inputs_below_normal {
    static constexpr bool subnormal_results = true;
    static constexpr float rare_below = 0.0f;
    static constexpr float rare_above = 87.0f;
    template <class A>
    SQUASH_INLINE static xsimd::batch<double, A> wide_rare(xsimd::batch<double, A>, xsimd::batch<double, A> y) noexcept
    {
        return y;
    }
};

// Whether any lane of z is one of F's rare inputs: NaN (keep_nan), or |z|
// outside [F::rare_below, F::rare_above], where F needs more than its
// common path (σ, σ': results below 2^-126 to lift, from |z| > 87; σ₂:
// |z| < 2^-24, see bipolar_sigmoid.hpp). One test on the bits of the float
// inputs serves all (the bits of |z| order as |z| does, and a NaN's are
// above every number's), so a batch without rare lanes costs an AND, one or
// two comparisons and a branch. Separately, σ's subnormal test on the
// double results took 2.5% and keep_nan 2 to 4 operations more of its time
// (paired runs on Zen 5).
template <class F, class A, class... More>
SQUASH_INLINE bool any_rare_input(xsimd::batch<float, A> z, More... more) noexcept
{
    using int_batch = xsimd::batch<std::int32_t, A>;
    auto rare = [](xsimd::batch<float, A> v) {
        auto magnitude = to_bits(abs_bits(v));
        auto lanes = magnitude > int_batch(bit_copy<std::int32_t>(F::rare_above));
        if constexpr (F::rare_below > 0.0f)
            lanes = lanes || magnitude < int_batch(bit_copy<std::int32_t>(F::rare_below));
        return lanes;
    };
    return xsimd::any((rare(z) || ... || rare(more)));
}

// result = y_lo, y_hi rounded to float, with the lanes the boundary test
// flags recomputed by F::exact; rare: whether the batch has rare inputs
// (any_rare_input), the only ones whose results may lie below 2^-126.
template <class F, class A>
SQUASH_INLINE xsimd::batch<float, A> correct_hard_lanes(xsimd::batch<float, A> x, xsimd::batch<float, A> result,
                                                        xsimd::batch<double, A> y_lo, xsimd::batch<double, A> y_hi,
                                                        bool rare) noexcept
{
    auto s_lo = y_lo;
    auto s_hi = y_hi;
    if constexpr (F::subnormal_results) {
        if (rare) {
            s_lo = lift_subnormal(y_lo);
            s_hi = lift_subnormal(y_hi);
        }
    }
    if (any_near_float_midpoint(s_lo, s_hi))
        result = round_hard_lanes<F>(x, result, y_lo, y_hi);
    return result;
}

// x = -z clamped to [-112, 112] (round_once_clamp).
template <class A>
SQUASH_INLINE xsimd::batch<float, A> round_once_clamped(xsimd::batch<float, A> z) noexcept
{
    using fbatch = xsimd::batch<float, A>;
    return xsimd::min(xsimd::max(negate(z), fbatch(-round_once_clamp)), fbatch(round_once_clamp));
}

// f(z) correctly rounded, for F with
//   static batch<double, A> wide(batch<double, A> x)   f at z = -x, to 2^-44.5, for the common inputs
//   static batch<double, A> wide_rare(batch<double, A> x, batch<double, A> y)
//                                                       y, corrected where x is a rare input
//   static dd::number exact(float x)                    f at z = -x, to ~2^-95
//   static constexpr float rare_below, rare_above       the common inputs: rare_below <= |z| <= rare_above
//   static constexpr bool subnormal_results             results below 2^-126 (rare inputs only) to lift
// where x = -z clamped to [-112, 112]; f(z) >= 0 is assumed by the boundary
// test (the bipolar sigmoid passes |z| and restores the sign). A NaN z gives
// z quieted (keep_nan).
template <class F, class A>
SQUASH_INLINE xsimd::batch<float, A> round_once(xsimd::batch<float, A> z) noexcept
{
    auto x = round_once_clamped(z);
    auto [lo, hi] = widen(x);
    auto y_lo = F::wide(lo);
    auto y_hi = F::wide(hi);
    // Rare inputs behind one branch, which is taken in nearly every batch of
    // inputs on [-100, 100] or masked (-inf, -1e4) for σ and σ': keep_nan
    // there, not keep_nan_lanes, leaves AVX-512 its own branch on NaN.
    if (any_rare_input<F>(z)) {
        y_lo = F::wide_rare(lo, y_lo);
        y_hi = F::wide_rare(hi, y_hi);
        return keep_nan(z, correct_hard_lanes<F>(x, narrow(y_lo, y_hi), y_lo, y_hi, true));
    }
    return correct_hard_lanes<F>(x, narrow(y_lo, y_hi), y_lo, y_hi, false);
}

// round_once on two registers, each with the bits round_once gives it: the
// same steps, with one branch for the rare inputs of both and one for the
// lanes near a midpoint of both (each correction is lane by lane, so
// applying it to a register without such lanes changes nothing). The array
// loops use it (kernel_pair, elementwise.hpp): with one register per
// branch, the processor overlapped the long dependency chains of
// consecutive registers less. Measured on Zen 5, 16 Ki floats, best of eight
// code placements 8 bytes apart (bench/README.md, where the code lands): σ, σ', σ₂
// 0.396 -> 0.346, 0.453 -> 0.391, 0.496 -> 0.437 ns per float on AVX-512 on
// [-10, 10], and 0.462 -> 0.410, 0.504 -> 0.458, 0.483 -> 0.417 on
// [-100, 100] (where 99% of pairs take the rare branch, 89% of registers
// did, so it is better predicted); σ on AVX2 1.084 -> 0.949 and 1.237 -> 1.12.
template <class F, class A>
SQUASH_INLINE std::array<xsimd::batch<float, A>, 2> round_once(xsimd::batch<float, A> z0,
                                                                 xsimd::batch<float, A> z1) noexcept
{
    using fbatch = xsimd::batch<float, A>;
    auto x0 = round_once_clamped(z0);
    auto x1 = round_once_clamped(z1);
    auto [lo0, hi0] = widen(x0);
    auto [lo1, hi1] = widen(x1);
    auto y_lo0 = F::wide(lo0), y_hi0 = F::wide(hi0);
    auto y_lo1 = F::wide(lo1), y_hi1 = F::wide(hi1);
    if (any_rare_input<F>(z0, z1)) {
        y_lo0 = F::wide_rare(lo0, y_lo0);
        y_hi0 = F::wide_rare(hi0, y_hi0);
        y_lo1 = F::wide_rare(lo1, y_lo1);
        y_hi1 = F::wide_rare(hi1, y_hi1);
        // The values the boundary test reads (correct_hard_lanes).
        auto tested = [](xsimd::batch<double, A> y) { return F::subnormal_results ? lift_subnormal(y) : y; };
        std::array<fbatch, 2> result{narrow(y_lo0, y_hi0), narrow(y_lo1, y_hi1)};
        if (any_near_float_midpoint(tested(y_lo0), tested(y_hi0), tested(y_lo1), tested(y_hi1))) {
            result[0] = round_hard_lanes<F>(x0, result[0], y_lo0, y_hi0);
            result[1] = round_hard_lanes<F>(x1, result[1], y_lo1, y_hi1);
        }
        return {keep_nan(z0, result[0]), keep_nan(z1, result[1])};
    }
    std::array<fbatch, 2> result{narrow(y_lo0, y_hi0), narrow(y_lo1, y_hi1)};
    if (any_near_float_midpoint(y_lo0, y_hi0, y_lo1, y_hi1)) {
        result[0] = round_hard_lanes<F>(x0, result[0], y_lo0, y_hi0);
        result[1] = round_hard_lanes<F>(x1, result[1], y_lo1, y_hi1);
    }
    return result;
}

}  // namespace detail
SQUASH_NAMESPACE_END

#endif
