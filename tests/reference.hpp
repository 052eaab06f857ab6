// What the unit tests compare against: long-double references for σ, σ', σ₂,
// the ULP distance of a result from them, and the points the sweeps visit.
//
// Why long double is enough: on x86 it has a 64-bit significand, and each
// reference below is a handful of correctly rounded or sub-ulp libm
// operations, so its relative error is a few 2^-64. That is ~2^-11 ulp of a
// double result and ~2^-40 ulp of a float one. For float the reference is
// therefore exact for our purposes; for double a result whose error sits
// within a few 2^-11 ulp of a bound cannot be judged here, which is why the
// double bounds carry reference_margin_ulp. The exhaustive sweep tool settles
// those borderline cases with MPFR.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace squash_test {

static_assert(std::numeric_limits<long double>::digits >= 64,
              "the references need a long double with at least a 64-bit significand");

// σ(z) = 1/(1+e^-z), reflected so that e = e^-|z| <= 1 never overflows and
// the negative side keeps its relative precision down to the subnormals.
inline long double sigmoid_ref(long double z)
{
    long double e = std::exp(-std::fabs(z));
    return z >= 0 ? 1.0L / (1.0L + e) : e / (1.0L + e);
}

// σ'(z) = σ(1−σ) = e/(1+e)^2, e = e^-|z|: no cancellation anywhere.
inline long double sigmoid_grad_ref(long double z)
{
    long double e = std::exp(-std::fabs(z));
    return e / ((1.0L + e) * (1.0L + e));
}

// σ₂(z) = tanh(z/2) = −expm1(−|z|) / (2 + expm1(−|z|)), sign of z: expm1
// keeps the relative precision that 1 − e^-|z| loses for tiny |z|.
inline long double bipolar_sigmoid_ref(long double z)
{
    long double m = std::expm1(-std::fabs(z));
    return std::copysign(-m / (2.0L + m), z);
}

// The spacing of T at `exact` (which need not be representable in T): the
// distance between consecutive T in exact's binade, and in the subnormal
// range the least subnormal, denorm_min.
template <class T>
long double ulp_of(long double exact)
{
    constexpr int digits = std::numeric_limits<T>::digits;
    long double const tiny = std::numeric_limits<T>::denorm_min();
    if (exact == 0)
        return tiny;
    int exponent = 0;
    std::frexp(std::fabs(exact), &exponent);  // |exact| in [2^(exponent-1), 2^exponent)
    return std::max(std::ldexp(1.0L, exponent - digits), tiny);
}

// |got − exact| in units of T's spacing at exact. Not-a-number or infinite
// results against a finite reference count as infinitely wrong.
template <class T>
long double ulp_error(T got, long double exact)
{
    if (std::isnan(got) || std::isnan(exact))
        return std::isnan(got) && std::isnan(exact) ? 0.0L : std::numeric_limits<long double>::infinity();
    if (std::isinf(got) || std::isinf(exact))
        return static_cast<long double>(got) == exact ? 0.0L : std::numeric_limits<long double>::infinity();
    return std::fabs(static_cast<long double>(got) - exact) / ulp_of<T>(exact);
}

// Allowance for the reference's own error (see the top of this file): ~2^-40
// ulp for float, which matters only for a correctly rounded result whose
// exact value is that close to a midpoint (the error is then 0.5 either way
// within the reference's precision), rounded up to 1e-6; a few 2^-11 ulp for
// double, rounded up to 0.01.
template <class T>
inline constexpr long double reference_margin_ulp = std::is_same_v<T, float> ? 1e-6L : 0.01L;


template <class T>
constexpr char const* type_name()
{
    return std::is_same_v<T, float> ? "float" : "double";
}

// The worst error seen over a sweep, and where.
struct ulp_record {
    long double max_ulp = 0;
    long double worst_z = 0;
    std::size_t points = 0;

    template <class T>
    void add(T z, T got, long double exact)
    {
        long double e = ulp_error<T>(got, exact);
        if (++points == 1 || !(e <= max_ulp)) {  // a NaN error counts as worst
            max_ulp = e;
            worst_z = z;
        }
    }

    void merge(ulp_record const& other)
    {
        if (other.points > 0 && (points == 0 || !(other.max_ulp <= max_ulp))) {
            max_ulp = other.max_ulp;
            worst_z = other.worst_z;
        }
        points += other.points;
    }

    // One line per sweep in the test log, so the measured figures are visible
    // without -s (and grep-able: "max-ulp").
    void print(char const* function, char const* type, char const* region) const
    {
        std::printf("max-ulp %-16s %-6s %-28s %.4Lf ulp at z = %.21Lg (%zu points)\n", function, type, region,
                    max_ulp, worst_z, points);
    }
};

// Sweep points. Floats are ordered by their bit patterns mapped onto the
// integers (−0 and +0 both map to 0), so "every float in [a, b]" and "n
// points evenly spread over all binades of [a, b]" are plain integer ranges.
template <class T>
using ordinal_t = std::conditional_t<std::is_same_v<T, float>, std::int32_t, std::int64_t>;

// The bits of x as a To of the same size (std::bit_cast, which is C++20;
// the unit tests build as C++17 too).
template <class To, class From>
To reinterpret_bits(From x)
{
    static_assert(sizeof(To) == sizeof(From), "reinterpret_bits: the sizes must match");
    To y;
    std::memcpy(&y, &x, sizeof y);
    return y;
}

// A quiet NaN with a payload no kernel produces from the tests' inputs:
// output slots are filled with it before a call, and a slot that still
// holds it afterwards was not written.
template <class T>
T canary()
{
    if constexpr (std::is_same_v<T, float>)
        return reinterpret_bits<T>(std::int32_t{0x7fc0dead});
    else
        return reinterpret_bits<T>(std::int64_t{0x7ff8deadbeefcafe});
}

template <class T>
ordinal_t<T> to_ordinal(T x)
{
    using I = ordinal_t<T>;
    auto bits = reinterpret_bits<I>(x);
    return bits >= 0 ? bits : static_cast<I>(-(bits & std::numeric_limits<I>::max()));
}

template <class T>
T from_ordinal(ordinal_t<T> n)
{
    using I = ordinal_t<T>;
    return n >= 0 ? reinterpret_bits<T>(n) : reinterpret_bits<T>(static_cast<I>(-n | std::numeric_limits<I>::min()));
}

// Builds that run 10-100x slower than -O3 (the -O0 ones in tests/robust)
// divide every sweep's point count by SQUASH_TEST_SWEEP_DIVISOR: the same
// regions, fewer points.
#ifndef SQUASH_TEST_SWEEP_DIVISOR
#define SQUASH_TEST_SWEEP_DIVISOR 1
#endif
inline std::size_t sweep_points(std::size_t n) { return std::max<std::size_t>(n / SQUASH_TEST_SWEEP_DIVISOR, 3); }

// n points evenly spaced in value over [lo, hi].
template <class T>
std::vector<T> linear_grid(long double lo, long double hi, std::size_t n)
{
    n = sweep_points(n);
    std::vector<T> z(n);
    for (std::size_t i = 0; i < n; ++i)
        z[i] = static_cast<T>(lo + (hi - lo) * static_cast<long double>(i) / static_cast<long double>(n - 1));
    return z;
}

// n points evenly spaced in ordinal over [lo, hi]: every binade gets its
// share, so tiny |z| (and subnormal z) are visited as densely as large ones.
template <class T>
std::vector<T> ordinal_grid(T lo, T hi, std::size_t n)
{
    n = sweep_points(n);
    long double const first = to_ordinal(lo), last = to_ordinal(hi);
    std::vector<T> z(n);
    for (std::size_t i = 0; i < n; ++i)
        z[i] = from_ordinal<T>(static_cast<ordinal_t<T>>(
            std::llround(first + (last - first) * static_cast<long double>(i) / static_cast<long double>(n - 1))));
    return z;
}

// How many consecutive values each monotonicity window walks through: a few
// 10^5, enough to cross many rounding boundaries of the result even where
// the function is flat in ulps (float σ' changes by one ulp only every ~10^4
// consecutive floats around z = 0.01, every ~10^6 around z = 0.001).
inline constexpr std::size_t monotonic_window = std::size_t(1) << 18;

// `count` consecutive values of T starting `count/2` steps below `center`.
template <class T>
std::vector<T> consecutive_around(T center, std::size_t count)
{
    count = sweep_points(count);
    auto n = to_ordinal(center) - static_cast<ordinal_t<T>>(count / 2);
    std::vector<T> z(count);
    for (auto& v : z)
        v = from_ordinal<T>(n++);
    return z;
}

// The least z in [lo, hi] at which `holds` is true, for a predicate that is
// false at lo, true at hi and switches once in between (bisection on the
// ordinal). The monotonicity tests then look at every value around it.
template <class T, class Predicate>
T first_where(T lo, T hi, Predicate holds)
{
    auto a = to_ordinal(lo), b = to_ordinal(hi);
    while (b - a > 1) {
        auto mid = a + (b - a) / 2;
        (holds(from_ordinal<T>(mid)) ? b : a) = mid;
    }
    return from_ordinal<T>(b);
}

// f over z (range form, which agrees bitwise with the scalar and batch forms:
// tests/elementwise.cpp), each result measured against ref.
template <class T, class F>
ulp_record measure(F const& f, long double (*ref)(long double), std::vector<T> const& z)
{
    std::vector<T> got(z.size());
    f(z, got);
    ulp_record record;
    for (std::size_t i = 0; i < z.size(); ++i)
        record.add(z[i], got[i], ref(z[i]));
    return record;
}

// Bitwise equality: tells −0 from +0 and compares NaN payloads.
template <class T>
bool same_bits(T a, T b)
{
    return reinterpret_bits<ordinal_t<T>>(a) == reinterpret_bits<ordinal_t<T>>(b);
}

// A value as failure messages should print it: enough digits to be typed
// back in, and the exact bits (which tell NaNs and zeros apart).
template <class T>
std::string show(T x)
{
    char text[80];
    std::snprintf(text, sizeof text, "%.*g [bits 0x%llx]", std::numeric_limits<T>::max_digits10,
                  static_cast<double>(x),
                  static_cast<unsigned long long>(reinterpret_bits<std::make_unsigned_t<ordinal_t<T>>>(x)));
    return text;
}

// Bitwise equality for numbers; any NaN matches any NaN. The sign and
// payload of a NaN result are not a property of the function: x86 returns
// the NaN of whichever operand comes first, and a compiler may order the
// operands of a commutative operation differently in each inlined copy of a
// kernel. (tests/elementwise.cpp checks NaN bits across forms separately.)
template <class T>
bool same_result(T a, T b)
{
    return same_bits(a, b) || (std::isnan(a) && std::isnan(b));
}

// The first i at which y[i] -> y[i+1] goes the wrong way (y.size() if none).
template <class T>
std::size_t first_decrease(std::vector<T> const& y)
{
    for (std::size_t i = 0; i + 1 < y.size(); ++i)
        if (!(y[i] <= y[i + 1]))
            return i;
    return y.size();
}

template <class T>
std::size_t first_increase(std::vector<T> const& y)
{
    for (std::size_t i = 0; i + 1 < y.size(); ++i)
        if (!(y[i] >= y[i + 1]))
            return i;
    return y.size();
}

}  // namespace squash_test
