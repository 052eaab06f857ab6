// The slow exact reference: MPFR encloses f(z) between two bounds rounded
// outward, which decides on which side of a threshold an error lies even
// where the fast reference (reference.hpp) is too coarse to tell.
#ifndef SQUASH_SWEEP_MPFR_ORACLE_HPP
#define SQUASH_SWEEP_MPFR_ORACLE_HPP

#include <array>

#include "functions.hpp"
#include "ulp.hpp"

namespace sweep {

struct oracle_verdict {
    bool decided = false;
    std::array<bool, thresholds.size()> exceeds{};  // error > thresholds[i]
    double estimate = 0;                             // the error in ulps
    int precision = 0;                               // MPFR bits that decided it
};

// The error of `result` as a value of f(z) in a format of `digits` bits whose
// least normal is 2^min_normal_exponent, decided against every threshold.
// z and result are exact in double (they are floats or doubles).
oracle_verdict decide_error(fn f, double z, double result, int digits, int min_normal_exponent);

// |reference - f(z)| in ulps of that format: how far the fast reference is
// from the exact value (checked on a sample, so its error bound is measured,
// not assumed).
double reference_deviation(fn f, double z, long double reference, int digits, int min_normal_exponent);

template <class T>
oracle_verdict decide_error(fn f, T z, T result)
{
    return decide_error(f, double(z), double(result), target_format<T>::digits,
                        target_format<T>::min_normal_exponent);
}

template <class T>
double reference_deviation(fn f, T z, long double reference)
{
    return reference_deviation(f, double(z), reference, target_format<T>::digits,
                               target_format<T>::min_normal_exponent);
}

}  // namespace sweep

#endif
