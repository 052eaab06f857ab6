#include "mpfr_oracle.hpp"
#include "mpfr_training.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>

#include <mpfr.h>

namespace sweep {

namespace {

class number {
public:
    explicit number(mpfr_prec_t precision) { mpfr_init2(value_, precision); }
    ~number() { mpfr_clear(value_); }
    number(number const&) = delete;
    number& operator=(number const&) = delete;
    operator mpfr_ptr() { return value_; }

private:
    mpfr_t value_;
};

// MPFR keeps per-thread caches only when built thread-safe; otherwise the
// sweep's threads take turns.
std::mutex& oracle_mutex()
{
    static std::mutex m;
    return m;
}

std::unique_lock<std::mutex> lock_if_needed()
{
    if (mpfr_buildopt_tls_p())
        return {};
    return std::unique_lock<std::mutex>(oracle_mutex());
}

// lo <= f(z) <= hi, every operation rounded outward. For bipolar_sigmoid the
// enclosure is of sigma2(|z|) (odd: the caller flips the result's sign).
void enclose(fn f, double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision)
{
    number x(64), e_lo(precision), e_hi(precision), t(precision);
    switch (f) {
    case fn::sigmoid:
        // 1/(1 + e^-z) decreases in e^-z; MPFR's exponent range is wide
        // enough for e^|z| at every float, and saturates (to its largest
        // value or infinity, still an outward bound) for huge doubles.
        mpfr_set_d(x, -z, MPFR_RNDN);
        mpfr_exp(e_lo, x, MPFR_RNDD);
        mpfr_exp(e_hi, x, MPFR_RNDU);
        mpfr_add_ui(t, e_hi, 1, MPFR_RNDU);
        mpfr_ui_div(lo, 1, t, MPFR_RNDD);
        mpfr_add_ui(t, e_lo, 1, MPFR_RNDD);
        mpfr_ui_div(hi, 1, t, MPFR_RNDU);
        break;
    case fn::sigmoid_grad:
        // e/(1 + e)^2 increases in e = e^-|z| on [0, 1].
        mpfr_set_d(x, -std::fabs(z), MPFR_RNDN);
        mpfr_exp(e_lo, x, MPFR_RNDD);
        mpfr_exp(e_hi, x, MPFR_RNDU);
        mpfr_add_ui(t, e_lo, 1, MPFR_RNDU);
        mpfr_sqr(t, t, MPFR_RNDU);
        mpfr_div(lo, e_lo, t, MPFR_RNDD);
        mpfr_add_ui(t, e_hi, 1, MPFR_RNDD);
        mpfr_sqr(t, t, MPFR_RNDD);
        mpfr_div(hi, e_hi, t, MPFR_RNDU);
        break;
    case fn::bipolar_sigmoid:
        // One correctly rounded operation: tanh(|z|/2), |z|/2 exact.
        mpfr_set_d(x, std::fabs(z), MPFR_RNDN);
        mpfr_div_2ui(x, x, 1, MPFR_RNDN);
        mpfr_tanh(lo, x, MPFR_RNDD);
        mpfr_tanh(hi, x, MPFR_RNDU);
        break;
    case fn::softplus: enclose_softplus(z, lo, hi, precision); break;
    case fn::log_sigmoid: enclose_log_sigmoid(z, lo, hi, precision); break;
    case fn::silu: enclose_silu(z, lo, hi, precision); break;
    case fn::silu_grad: enclose_silu_grad(z, lo, hi, precision); break;
    }
}

// The binade exponent j (x in [2^j, 2^(j+1))), floored at the least normal.
long binade(mpfr_ptr x, int min_normal_exponent)
{
    if (mpfr_zero_p(x))
        return min_normal_exponent;
    return std::max<long>(mpfr_get_exp(x) - 1, min_normal_exponent);
}

bool is_power_of_two(mpfr_ptr x)
{
    return mpfr_regular_p(x) && mpfr_cmp_ui_2exp(x, 1, mpfr_get_exp(x) - 1) == 0;
}

}  // namespace

oracle_verdict decide_error(fn f, double z, double result, int digits, int min_normal_exponent)
{
    oracle_verdict verdict;
    if (f == fn::bipolar_sigmoid && std::signbit(z))
        result = -result;
    if (!std::isfinite(result)) {
        verdict.decided = true;
        verdict.exceeds.fill(true);
        verdict.estimate = std::numeric_limits<double>::infinity();
        return verdict;
    }
    auto lock = lock_if_needed();
    for (mpfr_prec_t precision : {128, 256, 512, 1024}) {
        number lo(precision), hi(precision);
        enclose(f, z, lo, hi, precision);
        // Every f(z) here is transcendental (Lindemann-Weierstrass: e^z is,
        // for a nonzero rational z) except at z = 0 and +-inf, where the
        // enclosure is exact. (softplus: log(1 + e^z) = r rational would make
        // e^r - e^z = 1, which Lindemann-Weierstrass excludes for distinct
        // 0, r, z; silu' is a nonconstant rational function of e^z.) So lo < hi means lo < f(z) < hi strictly: that
        // is what lets an error that touches a threshold in the limit (a
        // subnormal sigma2(z) just below a midpoint) be decided at all.
        bool exact = mpfr_equal_p(lo, hi) != 0;
        long j_lo = binade(lo, min_normal_exponent), j_hi = binade(hi, min_normal_exponent);
        long j = j_lo;
        if (j_lo != j_hi && !(!exact && j_lo + 1 == j_hi && is_power_of_two(hi)))
            continue;  // straddles a binade boundary: more bits
        long spacing_exponent = j - (digits - 1);

        number r(64), low(precision + 64), high(precision + 64);
        mpfr_set_d(r, result, MPFR_RNDN);
        bool low_strict = false;  // error > low, not >=
        if (mpfr_cmp(r, lo) <= 0) {
            int rounding = mpfr_sub(low, lo, r, MPFR_RNDD);
            mpfr_sub(high, hi, r, MPFR_RNDU);
            low_strict = !exact || rounding < 0;
        } else if (mpfr_cmp(r, hi) >= 0) {
            int rounding = mpfr_sub(low, r, hi, MPFR_RNDD);
            mpfr_sub(high, r, lo, MPFR_RNDU);
            low_strict = !exact || rounding < 0;
        } else {
            number other(precision + 64);
            mpfr_set_zero(low, 1);
            mpfr_sub(high, r, lo, MPFR_RNDU);
            mpfr_sub(other, hi, r, MPFR_RNDU);
            mpfr_max(high, high, other, MPFR_RNDU);
        }
        mpfr_mul_2si(low, low, -spacing_exponent, MPFR_RNDD);
        mpfr_mul_2si(high, high, -spacing_exponent, MPFR_RNDU);

        bool all_decided = true;
        for (std::size_t i = 0; i < thresholds.size(); ++i) {
            if (mpfr_cmp_d(high, thresholds[i]) <= 0)
                verdict.exceeds[i] = false;
            else if (int c = mpfr_cmp_d(low, thresholds[i]); c > 0 || (c == 0 && low_strict))
                verdict.exceeds[i] = true;
            else
                all_decided = false;
        }
        if (!all_decided)
            continue;
        verdict.decided = true;
        verdict.precision = int(precision);
        verdict.estimate = (mpfr_get_d(low, MPFR_RNDN) + mpfr_get_d(high, MPFR_RNDN)) / 2;
        return verdict;
    }
    return verdict;
}

double reference_deviation(fn f, double z, long double reference, int digits, int min_normal_exponent)
{
    if (f == fn::bipolar_sigmoid && std::signbit(z))
        reference = -reference;
    auto lock = lock_if_needed();
    constexpr mpfr_prec_t precision = 128;
    number lo(precision), hi(precision), ref(64), a(precision + 64), b(precision + 64);
    enclose(f, z, lo, hi, precision);
    mpfr_set_ld(ref, reference, MPFR_RNDN);
    mpfr_sub(a, ref, lo, MPFR_RNDU);
    mpfr_sub(b, ref, hi, MPFR_RNDU);
    mpfr_abs(a, a, MPFR_RNDU);
    mpfr_abs(b, b, MPFR_RNDU);
    mpfr_max(a, a, b, MPFR_RNDU);
    // lo's binade is at most the exact value's: its spacing is the smaller,
    // so the deviation is never understated.
    mpfr_mul_2si(a, a, -(binade(lo, min_normal_exponent) - (digits - 1)), MPFR_RNDU);
    return mpfr_get_d(a, MPFR_RNDU);
}

}  // namespace sweep
