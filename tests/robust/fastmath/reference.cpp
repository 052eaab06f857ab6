// x87 long double carries 64 significand bits: the references below are good
// to a few 2^-64 relative, i.e. ~2^-10 of a double ulp, far below the bounds.
#include "reference.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reference {

long double sigmoid(long double z) { return 1.0L / (1.0L + std::exp(-z)); }

long double sigmoid_grad(long double z)
{
    long double const e = std::exp(-std::fabs(z));
    return e / ((1.0L + e) * (1.0L + e));
}

long double bipolar_sigmoid(long double z) { return std::tanh(z / 2); }

namespace {

template <class T>
double ulp_error_of(long double exact, T got)
{
    if (!std::isfinite(got))
        return std::numeric_limits<double>::infinity();
    using lim = std::numeric_limits<T>;
    // exact in [2^e, 2^(e+1)): spacing 2^(e − digits + 1), and no finer than
    // the subnormal spacing.
    int const e = exact == 0 ? lim::min_exponent - 1 : std::max(std::ilogb(exact), lim::min_exponent - 1);
    long double const ulp = std::ldexp(1.0L, e - lim::digits + 1);
    return static_cast<double>(std::fabs(static_cast<long double>(got) - exact) / ulp);
}

}  // namespace

double ulp_error(long double exact, float got) { return ulp_error_of(exact, got); }
double ulp_error(long double exact, double got) { return ulp_error_of(exact, got); }

}  // namespace reference
