// squash/detail/double_double.hpp: scalar double-double arithmetic for the exact float tier's rare
// slow path: e^x to about 2^-95 relative, and a double-double rounded once
// to float. The fast path (detail/round_once.hpp) computes each float
// function in double to ~2^-45 and rounds once; where that double lies too
// close to a float rounding boundary to be sure of the rounding, the lane is
// recomputed here, 2^50 times more accurately, which decides every case the
// exhaustive sweep meets (tests/exhaustive checks all 2^32 floats).
// SPDX-License-Identifier: MIT
//
// A double-double is an unevaluated sum hi + lo with |lo| <= ulp(hi)/2.
// References: Dekker (1971); Muller et al., Handbook of Floating-Point
// Arithmetic, 2nd ed., ch. 4 and 14.
// Every exact step goes through opaque(), so -ffast-math cannot reassociate
// it, and every product whose error is kept is std::fma, which is exact
// whatever the hardware (a library call where the CPU has no FMA).
#ifndef SQUASH_DETAIL_DOUBLE_DOUBLE_HPP
#define SQUASH_DETAIL_DOUBLE_DOUBLE_HPP

#include <cmath>
#include <cstdint>

#include "platform.hpp"

SQUASH_NAMESPACE_BEGIN
namespace detail::dd {

struct number {
    double hi, lo;
};

// a + b exactly, any magnitudes (Knuth's TwoSum).
inline number two_sum(double a, double b) noexcept
{
    double s = opaque(a + b);
    double bb = opaque(s - a);
    double err = opaque(opaque(a - opaque(s - bb)) + opaque(b - bb));
    return {s, err};
}

// a + b exactly, for |a| >= |b| or a == 0 (Fast2Sum).
inline number fast_two_sum(double a, double b) noexcept
{
    double s = opaque(a + b);
    return {s, opaque(b - opaque(s - a))};
}

// a * b exactly.
inline number two_product(double a, double b) noexcept
{
    double p = opaque(a * b);
    return {p, opaque(std::fma(a, b, -p))};
}

inline number add(number x, number y) noexcept
{
    number s = two_sum(x.hi, y.hi);
    number t = two_sum(x.lo, y.lo);
    s = fast_two_sum(s.hi, opaque(s.lo + t.hi));
    return fast_two_sum(s.hi, opaque(s.lo + t.lo));
}

inline number add(number x, double y) noexcept
{
    number s = two_sum(x.hi, y);
    return fast_two_sum(s.hi, opaque(s.lo + x.lo));
}

inline number negate(number x) noexcept { return {-x.hi, -x.lo}; }

inline number multiply(number x, number y) noexcept
{
    number p = two_product(x.hi, y.hi);
    double cross = opaque(opaque(x.hi * y.lo) + opaque(x.lo * y.hi));
    return fast_two_sum(p.hi, opaque(p.lo + cross));
}

inline number multiply(number x, double y) noexcept
{
    number p = two_product(x.hi, y);
    return fast_two_sum(p.hi, opaque(p.lo + opaque(x.lo * y)));
}

// x / y: three quotient digits, each from the exact remainder; about 2^-104
// relative.
inline number divide(number x, number y) noexcept
{
    double q1 = opaque(x.hi / y.hi);
    number r = add(x, negate(multiply(y, q1)));
    double q2 = opaque(r.hi / y.hi);
    r = add(r, negate(multiply(y, q2)));
    double q3 = opaque(r.hi / y.hi);
    number q = fast_two_sum(q1, q2);
    return add(q, q3);
}

inline number scale(number x, int k) noexcept { return {std::ldexp(x.hi, k), std::ldexp(x.lo, k)}; }

// e^x = 2^k (1 + m), for |x| <= 745; m is kept apart because 1 - e^x near
// x = 0 must come from m, not from 1 - (1 + m) rounded.
struct exponential {
    int k;
    number m;  // e^r - 1, |r| <= ln2/2 (plus rounding)
    number value() const noexcept { return scale(add(number{1, 0}, m), k); }
};

// ln2 in three parts: k * ln2_1 is exact for |k| < 2^13 (ln2_1 has 40
// bits); ln2 - (ln2_1 + ln2_2 + ln2_3) = 4.4e-48. tools/fit_constants.py.
inline constexpr double ln2_1 = 0x1.62e42fefa4000p-1;
inline constexpr double ln2_2 = -0x1.8432a1b0e2634p-43;
inline constexpr double ln2_3 = 0x1.f97b57a079a19p-103;

// 1/n! for n = 3..9 as double-doubles (hi, lo), from tools/fit_constants.py.
inline constexpr double inverse_factorial[7][2] = {
    {0x1.5555555555555p-3, 0x1.5555555555555p-57},   // 1/3!
    {0x1.5555555555555p-5, 0x1.5555555555555p-59},   // 1/4!
    {0x1.1111111111111p-7, 0x1.1111111111111p-63},   // 1/5!
    {0x1.6c16c16c16c17p-10, -0x1.f49f49f49f49fp-65}, // 1/6!
    {0x1.a01a01a01a01ap-13, 0x1.a01a01a01a01ap-73},  // 1/7!
    {0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-76},  // 1/8!
    {0x1.71de3a556c734p-19, -0x1.c154f8ddc6c00p-73}, // 1/9!
};

// e^x for |x| <= 745, x exact. x = k ln2 + r; e^r = (e^(r/256))^256, with
// e^s - 1 for |s| < 0.0014 from its Taylor series to s^9 (the next term is
// below 2^-115), then squared eight times as m <- m (2 + m); each squaring
// doubles the relative error, 2^8 * 2^-104 = 2^-96 in all.
inline exponential exp(double x) noexcept
{
    int const k = static_cast<int>(std::nearbyint(x * 0x1.71547652b82fep+0));
    double const kd = k;
    number r{opaque(x - kd * ln2_1), 0};  // exact: k ln2_1 is, and then Sterbenz
    r = add(r, negate(two_product(kd, ln2_2)));
    r = add(r, -kd * ln2_3);
    number s = scale(r, -8);
    number q{inverse_factorial[6][0], inverse_factorial[6][1]};
    for (int i = 5; i >= 0; --i)
        q = add(multiply(q, s), number{inverse_factorial[i][0], inverse_factorial[i][1]});
    q = add(multiply(q, s), 0.5);
    q = add(multiply(q, s), 1.0);
    number m = multiply(q, s);
    for (int i = 0; i < 8; ++i)
        m = multiply(m, add(m, 2.0));
    return {k, m};
}

// hi + lo rounded once to float, to nearest, ties to even; hi must be
// within the float range (subnormal results included).
inline float round_to_float(number x) noexcept
{
    float f = static_cast<float>(x.hi);
    double const fd = f;
    // Only a hi exactly halfway between two floats can round the wrong way:
    // elsewhere |lo| <= ulp(hi)/2 cannot cross a midpoint.
    if (x.lo != 0 && x.hi != fd) {
        float const other = std::nextafter(f, x.hi > fd ? HUGE_VALF : -HUGE_VALF);
        double const midpoint = 0.5 * (fd + double(other));  // exact
        if (x.hi == midpoint)
            f = ((x.lo > 0) == (double(other) > fd)) ? other : f;
    }
    return f;
}

}  // namespace detail::dd
SQUASH_NAMESPACE_END

#endif
