// squash/fast_activations.hpp: the fast tier of softplus, log_sigmoid, silu and silu_grad:
// squash::fast::softplus, log_sigmoid, silu, silu_grad (float and double).
// SPDX-License-Identifier: MIT
//
// Within 4 ulps wherever the exact result is normal, computed in the
// argument's own type on the fast tier's exponential (detail/fast_exp.hpp):
// no double words, no widening of floats to double. Like the fast σ,
// results whose exact value is below the normal range are flushed to a zero
// of their sign, so no input makes the kernels compute a subnormal number
// (no slowdown on masked inputs of −1e4 or −inf), and the CPU's
// floating-point mode is never read or changed.
//
// The shapes, which the tests check input by input (the float sweep over
// all 2^32, windows of consecutive doubles; tests/function_table.cpp holds
// how far a result may step back):
// - softplus and log_sigmoid are monotone over every float: every term
//   that varies moves the right way (see fast_softplus_kernel). In double
//   the kernels are plain double arithmetic (a structured evaluation like
//   float's would need a polynomial of degree ~22), and a result may step
//   back by up to 2 ulps from its neighbour's.
// - silu = z σ(z) is a product of factors that move in opposite directions
//   on z < 0 (|z| falls as σ rises), and near its minimum z0 the result
//   changes by far less than an ulp per input step, so the rounding of a
//   factor decides the order of neighbouring results: on (−2.2, 0) the
//   float fast::silu may step back by up to 2 ulps; elsewhere it keeps its
//   shape. In double silu may step back by up to 2 ulps, silu' by up to 4.
//   squash::silu and squash::silu_grad are monotone between their turning
//   points.
// - silu' in float is the exact tier's kernel: the float-arithmetic
//   version below (used for double) needs compensated terms to stay within
//   4 ulps (3.8 measured with FMA, 4.4 without), which made it no faster
//   than the exact kernel (0.72 against 0.76 ns per float, AVX-512) and
//   no better behaved than silu. So fast::silu_grad<float> is faithful and
//   monotone between its turning points, at the exact tier's speed.
#ifndef SQUASH_FAST_ACTIVATIONS_HPP
#define SQUASH_FAST_ACTIVATIONS_HPP

#include "detail/config.hpp"
#if SQUASH_CXX17

#include "detail/exp_core.hpp"
#include "detail/fast_exp.hpp"
#include "detail/log1p_core.hpp"
#include "elementwise.hpp"
#include "silu.hpp"
#include "softplus.hpp"

SQUASH_NAMESPACE_BEGIN

namespace detail {

// tools/fit_fast_training.py (mpmath), unless said otherwise.
template <class T>
struct fast_activation_constants;

template <>
struct fast_activation_constants<float> {
    // The least z whose exact result is still normal (>= 2^-126 in
    // magnitude); each is 2^-17.8 to 2^-19 above it, so a result within 4
    // ulps there is normal too. Below them the kernels return a zero.
    static constexpr float softplus_normal_min = -0x1.5d589ep+6f;   // -87.33654
    static constexpr float silu_normal_min = -0x1.6f6d56p+6f;       // -91.85677
    // Beyond this, silu(z) = z and silu'(z) = 1 to far below an ulp
    // (z e^-z < 2^-29.9), and e^-z stays normal.
    static constexpr float saturation = 24.0f;
    // Inputs below scale_below compute with e^-z 2^-scale_bits (silu) or
    // e^z 2^scale_bits (silu'), which would leave the normal range there
    // (e^91.9 = 2^132.5).
    static constexpr float scale_below = -40.0f;
    static constexpr float scale_bits = 24.0f;
    static constexpr float scale = 0x1p-24f;
    // log1p(e) = e − e (e q(e)), q(e) = (e − log1p(e))/e^2 on [0, 1]:
    // degree 8, relative error 2^-23.7 (q's share of log1p is at most e q <=
    // 0.31 of it).
    static constexpr float log1p_q[] = {0x1.fffffep-2f,  -0x1.55540cp-2f, 0x1.ffb95cp-3f,
                                        -0x1.969cb2p-3f, 0x1.448ee2p-3f,  -0x1.d992bcp-4f,
                                        0x1.11708cp-4f,  -0x1.9d455ap-6f, 0x1.24b298p-8f};
    // The correction e (e q) is negligible (below 2^-100 of e) beyond this:
    // the factor e in it is taken no smaller, so that it stays normal.
    static constexpr float log1p_tiny = 0x1p-100f;
    // softplus(z) = ln 2 + z/2 + z^2 E(z^2) for |z| <= 1: E of degree 4,
    // relative error 2^-27.7. ln 2 rounded to float (0.032 ulp off).
    static constexpr float taylor_limit = 1.0f;
    static constexpr float softplus_E[] = {0x1p-3f, -0x1.555518p-8f, 0x1.6bf7c4p-12f, -0x1.b49330p-16f,
                                           0x1.d38646p-20f};
    static constexpr float ln2 = 0x1.62e430p-1f;
};

template <>
struct fast_activation_constants<double> {
    static constexpr double softplus_normal_min = -0x1.6232bdd7abcd2p+9;   // -708.396418532264
    static constexpr double silu_normal_min = -0x1.657bfcf5db0ccp+9;       // -714.968657237966
    static constexpr double silu_grad_normal_min = -0x1.657bcf0857817p+9;  // -714.967255633094
    static constexpr double saturation = 48.0;                             // z e^-z < 2^-63.6
    static constexpr double scale_below = -600.0;
    static constexpr double scale_bits = 64.0;
    static constexpr double scale = 0x1p-64;
    // log1p(e) = e to 2^-60 below this (log1p's polynomial path is fed no
    // smaller e, so that s^2 stays normal).
    static constexpr double log1p_tiny = 0x1p-60;
    static constexpr double z0_1 = silu_constants::z0_1;
    static constexpr double z0_2 = silu_constants::z0_2;
    static constexpr double c = silu_constants::c;
    static constexpr double root_window = 0.25;
};

// log1p(e) for e = 2^n f, 2^n normal, f = 1 − m in [0.7, 1.42], e <= 1.
// float: e − e (e q(e)) = 2^n (f − f (e q(e))): one fused operation whose
// dominant term f is exact, so the result rises with e to the last bit (the
// correction e q(e) <= 0.31 moves by less per step of e than e does);
// relative error about 1.5 ulps. double: the reduction of
// detail/log1p_core.hpp in plain double (s = g/(2 + g), 2 atanh(s)),
// about 2 ulps.
template <class A>
SQUASH_INLINE xsimd::batch<float, A> fast_log1p(xsimd::batch<float, A> pow2n, xsimd::batch<float, A> f) noexcept
{
    using batch = xsimd::batch<float, A>;
    using C = fast_activation_constants<float>;
    auto e = xsimd::max(pow2n, batch(C::log1p_tiny)) * f;
    return pow2n * fnmadd(f, e * horner(C::log1p_q, e), f);
}

template <class A>
SQUASH_INLINE xsimd::batch<double, A> fast_log1p(xsimd::batch<double, A> pow2n, xsimd::batch<double, A> f) noexcept
{
    using batch = xsimd::batch<double, A>;
    using C = fast_activation_constants<double>;
    using L = log1p_constants;
    auto e_exact = pow2n * f;
    auto e = xsimd::max(e_exact, batch(C::log1p_tiny));
    auto reduced = e > batch(L::reduce_above);
    auto g = xsimd::select(reduced, (e - 1.0) * 0.5, e);
    auto s = g / (g + 2.0);
    auto two_s = s + s;
    auto w = s * s;
    auto sum = xsimd::select(reduced, batch(L::ln2_hi), batch(0.0)) + fmadd(two_s, w * horner(L::Q_double, w), two_s);
    return xsimd::select(e_exact < batch(C::log1p_tiny), e_exact, sum);
}

// softplus(z) = max(z, 0) + log1p(e^-|z|). For z <= 0 the result is
// log1p(e) alone, rising with e. For z > 1 it is z + log1p(e): z rises by
// an ulp of z per step and log1p(e) falls by at most σ(−z) <= 0.27 of it,
// plus its error (below 2^-24 when log1p(e) < 0.32, a quarter of z's ulp),
// so the sum rises. Near 0 the sum of a rounded log1p(e) ~ ln 2 and a small
// z would fall wherever the rounding of log1p steps down (its ulp is far
// above z's), so float takes |z| <= 1 from the series
//     softplus(z) = ln 2 + h,   h = z/2 + z^2 E(z^2),
// with h = z (z E) + z/2 rounded once: z/2 is exact, and the rounding of
// z E moves z (z E) by at most |z|/8 of z/2's step, so h rises with z; then
// ln 2 + h, a constant plus a rising value, rounded once. (A single
// ln 2 + z (1/2 + z E) would not do: on z < 0 the rounding of 1/2 + z E
// steps up as |z| falls, by as much, relatively, as z's own step.) double
// is not swept input by input and has no step worth an ulp there. |z| is
// clamped where the result leaves the normal range; below it, +0.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_softplus_kernel(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    using C = fast_activation_constants<T>;
    auto a = xsimd::min(abs_bits(z), batch(-C::softplus_normal_min));
    auto parts = fast_exp_neg(a);
    auto result = xsimd::max(z, batch(T(0))) + fast_log1p(parts.pow2n, batch(T(1)) - parts.m);
    if constexpr (std::is_same_v<T, float>) {
        // The series on z clamped to [−1, 1] (the lanes outside do not use
        // it, and must not overflow in z^2).
        auto t = xsimd::min(xsimd::max(z, batch(-C::taylor_limit)), batch(C::taylor_limit));
        auto odd_and_even = fmadd(t, t * horner(C::softplus_E, t * t), t * 0.5f);
        result = xsimd::select(abs_bits(z) <= batch(C::taylor_limit), odd_and_even + batch(C::ln2), result);
    }
    return keep_nan(z, xsimd::select(z < batch(C::softplus_normal_min), batch(T(0)), result));
}

// silu(z) = z / (1 + e^-z), z clamped to [silu_normal_min, saturation] in
// the exponential (the numerator keeps z above, so silu(z) = z there, +inf
// for +inf). Below scale_below, numerator and denominator are both scaled
// by 2^-scale_bits (e^-z reaches 2^132.5 in float): the quotient is the
// same. Error: e^-z about 1 ulp, the denominator's rounding, the quotient's:
// about 2.5 ulps. Below silu_normal_min, −0.
template <class T, class A>
SQUASH_INLINE xsimd::batch<T, A> fast_silu_kernel(xsimd::batch<T, A> z) noexcept
{
    using batch = xsimd::batch<T, A>;
    using C = fast_activation_constants<T>;
    auto scaled = z < batch(C::scale_below);
    auto s = xsimd::select(scaled, batch(C::scale), batch(T(1)));
    auto w = xsimd::min(xsimd::max(z, batch(C::silu_normal_min)), batch(C::saturation));
    auto parts = fast_exp_neg_scaled(w, xsimd::select(scaled, batch(C::scale_bits), batch(T(0))));
    auto denominator = fmadd(parts.pow2n, batch(T(1)) - parts.m, s);
    auto numerator = xsimd::max(z, batch(C::silu_normal_min)) * s;
    auto result = numerator / denominator;
    return keep_nan(z, xsimd::select(z < batch(C::silu_normal_min), batch(T(-0.0)), result));
}

// double (float takes the exact kernel, see the top of this file):
// silu'(z) = σ(z)(1 + z(1 − σ(z))), with e = e^-|z| and D = 1 + e:
//   z <  0:  e N / D^2,            N = 1 + z + e (cancels at silu's minimum z0)
//   z >= 0:  1 + e (z − 1 − e) / D^2
// (the second is (D + z e)/D^2 with the 1 taken out: near 1, where the
// function falls to its limit, the small term keeps its relative precision,
// and its cancellation at z = −z0 only costs an absolute error far below an
// ulp of the result). For |z − z0| < 1/4, N = (1 + c) d + c d^2 P(d), d =
// z − z0 (P the exp core's), which keeps N's
// relative precision down to the inputs nearest z0, as in
// squash::silu_grad; elsewhere N = (1 + z) + e has |N| >= 0.3 and no
// cancellation worth an ulp. e = 2^n (1 − m) enters exactly where it
// matters: 1 − m = f + f_lo (f rounded, f_lo its rest), D = D_hi + D_lo,
// N = (z + 1) + 2^n f + 2^n f_lo rounded once (z + 1 is exact for
// z <= −1/2, where the results sit just under 1/4 and an ulp counts most;
// (z + D_hi) + D_lo, rounded twice there, reached 4.07 ulps at z = −0.5264
// without FMA, 3.94 with),
// e N = 2^n (N − m N) rounded once; D^2 = D_hi^2 + 2 D_hi D_lo rounded once.
// Under 4 ulps in all (measured at most 3.8, docs/accuracy and
// tests/training.cpp). Below scale_below, e is
// computed as e 2^scale_bits (it would be subnormal) and D = 1; the quotient
// is scaled back, exactly, since the result is normal. z is clamped to
// [silu_grad_normal_min, saturation]; below, −0.
template <class A>
SQUASH_INLINE xsimd::batch<double, A> fast_silu_grad_kernel(xsimd::batch<double, A> z) noexcept
{
    using T = double;
    using batch = xsimd::batch<T, A>;
    using C = fast_activation_constants<T>;
    auto one = batch(T(1));
    auto zc = xsimd::min(xsimd::max(z, batch(C::silu_grad_normal_min)), batch(C::saturation));
    auto scaled = zc < batch(C::scale_below);
    auto negative = zc < batch(T(0));
    auto parts = fast_exp_neg_scaled(abs_bits(zc), xsimd::select(scaled, batch(-C::scale_bits), batch(T(0))));
    auto f = one - parts.m;
    auto f_lo = (one - f) - parts.m;
    auto pow2n = xsimd::select(scaled, batch(T(0)), parts.pow2n);  // e = 2^n (f + f_lo), 0 where scaled
    auto e = pow2n * f;
    auto D_hi = e + one;
    auto D_lo = fmadd(pow2n, f_lo, (one - D_hi) + e);
    // D^2 = D_hi^2 + 2 D_hi D_lo, rounded once. Without FMA, D_hi^2 is
    // taken exactly (Dekker's product): rounding it first as well cost up to
    // half an ulp more, and took the result to 4.5 ulps for z near -3.78.
    batch D2;
    if constexpr (has_fused_fma<A>) {
        D2 = fmadd(D_hi, D_hi, (D_hi + D_hi) * D_lo);
    } else {
        D2 = square(double_word<T, A>{D_hi, D_lo}).hi;
    }
    auto N = fmadd(pow2n, f, fmadd(pow2n, f_lo, zc + one));
    auto near_root = xsimd::abs(zc - batch(C::z0_1)) < batch(C::root_window);
    if (xsimd::any(near_root)) {
        using P = exp_constants<T>;
        auto d = (zc - batch(C::z0_1)) - batch(C::z0_2);
        auto tail = fmadd(batch(C::c) * d, d * horner(P::P, d), batch(-C::z0_2) * d);
        N = xsimd::select(near_root, fmadd(batch(-C::z0_1), d, tail), N);
    }
    auto e_N = parts.pow2n * fnmadd(parts.m, N, N);  // e N, times 2^scale_bits where scaled
    auto q = xsimd::select(negative, e_N, e * ((zc - one) - e)) / D2;
    auto result = xsimd::select(negative, q * xsimd::select(scaled, batch(C::scale), one), q + one);
    return keep_nan(z, xsimd::select(z < batch(C::silu_grad_normal_min), batch(T(-0.0)), result));
}

}  // namespace detail

namespace fast {

struct softplus_fn : elementwise_function<softplus_fn> {
    static constexpr char const* name = "fast::softplus";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        return detail::fast_softplus_kernel(z);
    }
};

struct log_sigmoid_fn : elementwise_function<log_sigmoid_fn> {
    static constexpr char const* name = "fast::log_sigmoid";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        return detail::keep_nan(z, detail::flip_sign(detail::fast_softplus_kernel(detail::flip_sign(z))));
    }
};

struct silu_fn : elementwise_function<silu_fn> {
    static constexpr char const* name = "fast::silu";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        return detail::fast_silu_kernel(z);
    }
};

// float: the exact kernel (see the top of this file).
struct silu_grad_fn : elementwise_function<silu_grad_fn> {
    static constexpr char const* name = "fast::silu_grad";
    template <class T, class A>
    SQUASH_INLINE static xsimd::batch<T, A> kernel(xsimd::batch<T, A> z) noexcept
    {
        if constexpr (std::is_same_v<T, float>)
            return detail::keep_nan(z, detail::silu_grad_float(z));
        else
            return detail::fast_silu_grad_kernel(z);
    }
};

// softplus(z) = log(1 + e^z), float or double, in every call form of
// squash::softplus. Within 4 ulps wherever the exact result is normal
// (z >= -87.33654 in float, -708.3964 in double); below, +0 (flushed).
// Values in [0, +inf], non-decreasing in float (in double, to within 2
// ulps; see the top of this file); softplus(+inf) = +inf,
// softplus(-inf) = +0; NaN in gives that NaN out, quieted; no overflow,
// invalid or divide-by-zero flag for a non-NaN input.
inline constexpr softplus_fn softplus{};

// log σ(z) = −softplus(−z), computed so (the sign flipped on the bits):
// within 4 ulps where the exact result is normal (z <= 87.33654 in float,
// 708.3964 in double); beyond, −0. Values in [−inf, −0], shape as softplus;
// log_sigmoid(-inf) = -inf, log_sigmoid(+inf) = −0; NaN and flags as softplus.
inline constexpr log_sigmoid_fn log_sigmoid{};

// silu(z) = z σ(z). Within 4 ulps wherever the exact result is normal
// (z >= -91.85677 in float, -714.9687 in double); below, −0. silu(±0) =
// ±0, silu(+inf) = +inf, silu(-inf) = −0; NaN and flags as softplus.
// Decreasing, then increasing from its minimum at z0 = −1.2784645, to
// within 2 ulps (see the top of this file).
inline constexpr silu_fn silu{};

// silu'(z) = σ(z)(1 + z(1 − σ(z))), taking z. Within 4 ulps, relative to
// the exact value, wherever it is normal, including next to its zero z0 =
// −1.2784645 (z >= -91.8457 in float, -714.9673 in double); below, −0.
// silu'(+inf) = 1, silu'(-inf) = −0; NaN and flags as softplus. float:
// the exact kernel (faithful, monotone pieces); double: its pieces to
// within 4 ulps.
inline constexpr silu_grad_fn silu_grad{};

}  // namespace fast

SQUASH_NAMESPACE_END

#endif  // SQUASH_CXX17

#endif
