// MPFR enclosures of the training functions (include/squash/
// softplus.hpp, silu.hpp, sigmoid_backward.hpp), for the exhaustive sweep's
// oracle (mpfr_oracle.cpp): each sets lo <= f(z) <= hi, every operation
// rounded outward, at the given precision (lo and hi are initialized by the
// caller at that precision). Declared in mpfr_training.hpp.
//
// Written so that a tight enclosure needs no more precision near the hard
// spots than elsewhere: softplus for z > 0 as z + log1p(e^-z) (no overflow of
// e^z), silu for z < 0 from e^z (not from e^-z, which overflows), and
// silu_grad as a product whose one cancelling factor, 1 + z + e^z (zero at
// z0 = −1.2785), is formed from an exact 1 + z and an outward e^z, so its
// enclosure stays as narrow as e^z's: about 2^-precision relative to e^z,
// which is at least 2^-53 of the result at the doubles nearest z0 (2^-53
// away from it) and so leaves precision − 55 bits.
//
// Every value enclosed here is transcendental for a finite nonzero z (or z
// = 0 with an exact enclosure: softplus(0) = ln 2 is not exact, silu(0) = 0
// and silu_grad(0) = 1/2 are), so lo < hi means lo < f(z) < hi strictly;
// the backward formulas are rational and enclosed exactly (lo = hi) once
// the precision is at least 3·53 + 2 bits.
#include "mpfr_training.hpp"

#include <cmath>

namespace sweep {

namespace {

class scratch {
public:
    explicit scratch(mpfr_prec_t precision) { mpfr_init2(value_, precision); }
    ~scratch() { mpfr_clear(value_); }
    scratch(scratch const&) = delete;
    scratch& operator=(scratch const&) = delete;
    operator mpfr_ptr() { return value_; }

private:
    mpfr_t value_;
};

// [e_lo, e_hi] around e^x, for x exact (a double).
void enclose_exp(double x, mpfr_ptr e_lo, mpfr_ptr e_hi)
{
    scratch arg(64);
    mpfr_set_d(arg, x, MPFR_RNDN);  // exact: 64 >= 53 bits
    mpfr_exp(e_lo, arg, MPFR_RNDD);
    mpfr_exp(e_hi, arg, MPFR_RNDU);
}

// softplus(z) = log(1 + e^z), increasing in e^z; for z > 0 written
// z + log1p(e^-z), increasing in e^-z.
void enclose_softplus_into(double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision)
{
    scratch e_lo(precision), e_hi(precision);
    if (z > 0) {
        enclose_exp(-z, e_lo, e_hi);
        mpfr_log1p(e_lo, e_lo, MPFR_RNDD);
        mpfr_log1p(e_hi, e_hi, MPFR_RNDU);
        mpfr_add_d(lo, e_lo, z, MPFR_RNDD);
        mpfr_add_d(hi, e_hi, z, MPFR_RNDU);
    } else {
        enclose_exp(z, e_lo, e_hi);
        mpfr_log1p(lo, e_lo, MPFR_RNDD);
        mpfr_log1p(hi, e_hi, MPFR_RNDU);
    }
}

}  // namespace

void enclose_softplus(double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision)
{
    enclose_softplus_into(z, lo, hi, precision);
}

// log σ(z) = −softplus(−z): the bounds swap.
void enclose_log_sigmoid(double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision)
{
    scratch s_lo(precision), s_hi(precision);
    enclose_softplus_into(-z, s_lo, s_hi, precision);
    mpfr_neg(lo, s_hi, MPFR_RNDD);  // negation is exact
    mpfr_neg(hi, s_lo, MPFR_RNDU);
}

// silu(z) = z σ(z) = sign(z) |z| σ(z). |σ(z)| from t = e^-|z| in [0, 1]:
// σ(|z|) = 1/(1 + t) (decreasing in t) and σ(−|z|) = t/(1 + t)
// (increasing in t).
void enclose_silu(double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision)
{
    scratch t_lo(precision), t_hi(precision), d(precision), m_lo(precision), m_hi(precision);
    double const a = std::fabs(z);
    enclose_exp(-a, t_lo, t_hi);
    if (z >= 0) {
        mpfr_add_ui(d, t_hi, 1, MPFR_RNDU);
        mpfr_ui_div(m_lo, 1, d, MPFR_RNDD);
        mpfr_add_ui(d, t_lo, 1, MPFR_RNDD);
        mpfr_ui_div(m_hi, 1, d, MPFR_RNDU);
    } else {
        mpfr_add_ui(d, t_lo, 1, MPFR_RNDU);
        mpfr_div(m_lo, t_lo, d, MPFR_RNDD);
        mpfr_add_ui(d, t_hi, 1, MPFR_RNDD);
        mpfr_div(m_hi, t_hi, d, MPFR_RNDU);
    }
    // |silu(z)| in [a m_lo, a m_hi]
    mpfr_mul_d(m_lo, m_lo, a, MPFR_RNDD);
    mpfr_mul_d(m_hi, m_hi, a, MPFR_RNDU);
    if (z >= 0) {
        mpfr_set(lo, m_lo, MPFR_RNDD);
        mpfr_set(hi, m_hi, MPFR_RNDU);
    } else {
        mpfr_neg(lo, m_hi, MPFR_RNDD);
        mpfr_neg(hi, m_lo, MPFR_RNDU);
    }
}

// silu'(z), with t = e^-|z| in [0, 1] and D = 1 + t:
//   z >= 0: (1 + t + z t) / D^2: numerator increasing in t, D too, all
//           positive: [num(t_lo) / D(t_hi)^2, num(t_hi) / D(t_lo)^2];
//   z <  0: g·N with g = t/D^2 (increasing in t on [0, 1]) and N = 1 + z + t
//           (increasing in t, either sign): the product of an interval of
//           positive numbers and one that may contain 0.
void enclose_silu_grad(double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision)
{
    scratch t_lo(precision), t_hi(precision), a(precision), b(precision), c(precision);
    enclose_exp(-std::fabs(z), t_lo, t_hi);
    if (z >= 0) {
        // lo = (1 + t_lo (1 + z)) / (1 + t_hi)^2
        mpfr_set_d(a, z, MPFR_RNDD);
        mpfr_add_ui(a, a, 1, MPFR_RNDD);
        mpfr_mul(b, t_lo, a, MPFR_RNDD);
        mpfr_add_ui(b, b, 1, MPFR_RNDD);
        mpfr_add_ui(c, t_hi, 1, MPFR_RNDU);
        mpfr_sqr(c, c, MPFR_RNDU);
        mpfr_div(lo, b, c, MPFR_RNDD);
        // hi = (1 + t_hi (1 + z)) / (1 + t_lo)^2
        mpfr_set_d(a, z, MPFR_RNDU);
        mpfr_add_ui(a, a, 1, MPFR_RNDU);
        mpfr_mul(b, t_hi, a, MPFR_RNDU);
        mpfr_add_ui(b, b, 1, MPFR_RNDU);
        mpfr_add_ui(c, t_lo, 1, MPFR_RNDD);
        mpfr_sqr(c, c, MPFR_RNDD);
        mpfr_div(hi, b, c, MPFR_RNDU);
        return;
    }
    scratch g_lo(precision), g_hi(precision), n_lo(precision), n_hi(precision);
    // g in [t_lo / (1 + t_lo)^2, t_hi / (1 + t_hi)^2]
    mpfr_add_ui(c, t_lo, 1, MPFR_RNDU);
    mpfr_sqr(c, c, MPFR_RNDU);
    mpfr_div(g_lo, t_lo, c, MPFR_RNDD);
    mpfr_add_ui(c, t_hi, 1, MPFR_RNDD);
    mpfr_sqr(c, c, MPFR_RNDD);
    mpfr_div(g_hi, t_hi, c, MPFR_RNDU);
    // N in [(1 + z) + t_lo, (1 + z) + t_hi]
    mpfr_set_d(a, z, MPFR_RNDN);  // exact
    mpfr_add_ui(n_lo, a, 1, MPFR_RNDD);
    mpfr_add_ui(n_hi, a, 1, MPFR_RNDU);
    mpfr_add(n_lo, n_lo, t_lo, MPFR_RNDD);
    mpfr_add(n_hi, n_hi, t_hi, MPFR_RNDU);
    if (mpfr_sgn(static_cast<mpfr_ptr>(n_lo)) >= 0) {
        mpfr_mul(lo, g_lo, n_lo, MPFR_RNDD);
        mpfr_mul(hi, g_hi, n_hi, MPFR_RNDU);
    } else if (mpfr_sgn(static_cast<mpfr_ptr>(n_hi)) <= 0) {
        mpfr_mul(lo, g_hi, n_lo, MPFR_RNDD);
        mpfr_mul(hi, g_lo, n_hi, MPFR_RNDU);
    } else {
        mpfr_mul(lo, g_hi, n_lo, MPFR_RNDD);
        mpfr_mul(hi, g_hi, n_hi, MPFR_RNDU);
    }
}

// dy·y(1 − y) and dy·(1 − y²)/2: products of doubles, exact at 3·53 + 2
// bits or more (lo = hi); below that, rounded outward like the rest.
namespace {

// dy·[w_lo, w_hi] into [lo, hi], for a number dy of either sign.
void scale_interval(double dy, mpfr_ptr w_lo, mpfr_ptr w_hi, mpfr_ptr lo, mpfr_ptr hi)
{
    if (dy >= 0) {
        mpfr_mul_d(lo, w_lo, dy, MPFR_RNDD);
        mpfr_mul_d(hi, w_hi, dy, MPFR_RNDU);
    } else {
        mpfr_mul_d(lo, w_hi, dy, MPFR_RNDD);
        mpfr_mul_d(hi, w_lo, dy, MPFR_RNDU);
    }
}

}  // namespace

void enclose_sigmoid_backward(double dy, double y, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision)
{
    scratch y_exact(64), square(precision), w_lo(precision), w_hi(precision);
    mpfr_set_d(y_exact, y, MPFR_RNDN);
    // y(1 − y) = y − y²
    mpfr_sqr(square, y_exact, MPFR_RNDU);
    mpfr_sub(w_lo, y_exact, square, MPFR_RNDD);
    mpfr_sqr(square, y_exact, MPFR_RNDD);
    mpfr_sub(w_hi, y_exact, square, MPFR_RNDU);
    scale_interval(dy, w_lo, w_hi, lo, hi);
}

void enclose_bipolar_sigmoid_backward(double dy, double y, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision)
{
    scratch y_exact(64), square(precision), w_lo(precision), w_hi(precision);
    mpfr_set_d(y_exact, y, MPFR_RNDN);
    // (1 − y²)/2; the halving is exact
    mpfr_sqr(square, y_exact, MPFR_RNDU);
    mpfr_ui_sub(w_lo, 1, square, MPFR_RNDD);
    mpfr_sqr(square, y_exact, MPFR_RNDD);
    mpfr_ui_sub(w_hi, 1, square, MPFR_RNDU);
    mpfr_div_2ui(w_lo, w_lo, 1, MPFR_RNDD);
    mpfr_div_2ui(w_hi, w_hi, 1, MPFR_RNDU);
    scale_interval(dy, w_lo, w_hi, lo, hi);
}

}  // namespace sweep
