// Errors in ulps: |result - exact| / spacing of T's floats at the exact value
// (the spacing of the binade [2^j, 2^(j+1)) that holds the exact value; the
// least subnormal below T's normal range).
#ifndef SQUASH_SWEEP_ULP_HPP
#define SQUASH_SWEEP_ULP_HPP

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace sweep {

// The error levels counted: > 0.5 ulp is "not correctly rounded", > 1 is
// "not faithful", 4 is the fast tier's bound.
inline constexpr std::array<double, 4> thresholds{0.5, 1.0, 2.0, 4.0};

template <class T>
struct target_format {
    static constexpr int digits = std::numeric_limits<T>::digits;                    // 24, 53
    static constexpr int min_normal_exponent = std::numeric_limits<T>::min_exponent - 1;  // -126, -1022
};

// The relative error bound of reference.hpp's values computed in W.
template <class W>
inline constexpr W reference_relative_error = std::is_same_v<W, double> ? 0x1p-50 : 0x1p-60;

// That bound in ulps of T: a value's ulp is at least 2^-digits of it.
template <class T, class W>
inline constexpr double reference_error_ulps =
    double(reference_relative_error<W>) * double(std::uint64_t(1) << target_format<T>::digits);

// Within this many ulps of a threshold the fast reference cannot decide which
// side the exact error is on, and MPFR is asked: 4x the reference's error
// bound, and at least 1e-6 ulp.
template <class T, class W>
inline constexpr double decision_window = std::max(1e-6, 4 * reference_error_ulps<T, W>);

template <class T, class W>
inline W spacing_at(W x)
{
    x = std::fabs(x);
    if (!(x >= W(std::numeric_limits<T>::min())))
        return W(std::numeric_limits<T>::denorm_min());
    if constexpr (std::is_same_v<W, double>) {
        // The biased exponent minus (digits - 1) is that of the spacing; x is
        // at least T's least normal, so it stays a normal double.
        auto biased = (std::bit_cast<std::uint64_t>(x) >> 52) & 0x7ff;
        return std::bit_cast<double>((biased - (target_format<T>::digits - 1)) << 52);
    } else {
        return std::ldexp(W(1), std::ilogb(x) - (target_format<T>::digits - 1));
    }
}

template <class T, class W>
inline W ulp_error(T result, W exact)
{
    if (std::isnan(result))
        return std::numeric_limits<W>::infinity();
    return std::fabs(W(result) - exact) / spacing_at<T>(exact);
}

// True if x is within 4x the reference error of a power of two in T's
// normal range: the exact value may then sit in the other binade, whose
// spacing is half or twice as large.
template <class T, class W>
inline bool near_binade_edge(W x)
{
    x = std::fabs(x);
    if constexpr (std::is_same_v<W, double>) {
        // On the bits, without a branch: this runs for every result.
        constexpr std::uint64_t mantissa_mask = (std::uint64_t(1) << 52) - 1;
        constexpr auto units = std::uint64_t(4 * reference_relative_error<W> * 0x1p52);
        auto bits = std::bit_cast<std::uint64_t>(x);
        bool normal_in_t = x >= double(std::numeric_limits<T>::min());
        return normal_in_t & ((((bits & mantissa_mask) + units) & mantissa_mask) <= 2 * units);
    } else {
        if (!(x >= W(std::numeric_limits<T>::min())))
            return false;
        int exponent = 0;
        W mantissa = std::frexp(x, &exponent);  // [0.5, 1)
        W tolerance = 4 * reference_relative_error<W>;
        return mantissa - W(0.5) <= tolerance || W(1) - mantissa <= tolerance;
    }
}

}  // namespace sweep

#endif
