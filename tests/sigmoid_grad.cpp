// squash::sigmoid_grad against the long-double reference: the ULP bound over
// dense sweeps (tests/function_table.hpp's bounds), non-increasing in |z|,
// exact evenness, the range [0, 1/4], special values, gradual underflow and
// the trap of the textbook s(1 − s).
#include <squash/squash.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "catch.hpp"
#include "function_table.hpp"
#include "sweep_checks.hpp"

using namespace squash_test;

namespace {

// σ' is even, but both signs are swept: the kernel takes |z| itself, and
// that is what is under test.
template <class T>
std::vector<region<T>> grad_regions()
{
    std::vector<region<T>> regions{
        {"linear [-100, 100]", linear_grid<T>(-100, 100, 1'000'001)},
        {"all binades [-100, 100]", ordinal_grid<T>(T(-100), T(100), 1'000'001)},
    };
    if constexpr (std::is_same_v<T, float>) {
        regions.push_back({"underflow [-105, -85]", linear_grid<T>(-105, -85, 200'001)});
        regions.push_back({"underflow [85, 105]", linear_grid<T>(85, 105, 200'001)});
    } else {
        regions.push_back({"saturation [-746, -100]", linear_grid<T>(-746, -100, 400'001)});
        regions.push_back({"saturation [100, 746]", linear_grid<T>(100, 746, 400'001)});
        regions.push_back({"subnormal out [-746, -708]", linear_grid<T>(-746, -708, 200'001)});
        regions.push_back({"subnormal out [708, 746]", linear_grid<T>(708, 746, 200'001)});
    }
    return regions;
}

template <class T>
T grad_of(T z)
{
    return squash::sigmoid_grad(z);
}

// tests/function_table.hpp's bound (float: correctly rounded) plus the
// reference's uncertainty.
template <class T>
long double const grad_bound = test_bound<T>("sigmoid_grad");

}  // namespace

TEMPLATE_TEST_CASE("sigmoid_grad: error within the ULP bound over dense sweeps", "[sigmoid_grad][ulp]", float, double)
{
    using T = TestType;
    check_ulp_sweeps<T>("sigmoid_grad", squash::sigmoid_grad, sigmoid_grad_ref, grad_regions<T>(), grad_bound<T>);
}

TEMPLATE_TEST_CASE("sigmoid_grad: non-increasing in |z|, across the underflow points", "[sigmoid_grad][monotonic]",
                   float, double)
{
    using T = TestType;
    constexpr T high = std::is_same_v<T, float> ? T(110) : T(800);
    T const to_subnormal = first_where(T(1), high, [](T z) { return grad_of(z) < std::numeric_limits<T>::min(); });
    T const to_zero = first_where(T(1), high, [](T z) { return grad_of(z) == 0; });
    CAPTURE(to_subnormal, to_zero);
    CHECK(grad_of(std::nextafter(to_zero, T(0))) > 0);

    // Windows of consecutive z >= 0 (σ' is checked to be exactly even below).
    // Centers: 0 and small z, where σ' is flat in ulps; 1/4 and ln2/2, 3ln2/2
    // (branch and range-reduction switch points); 20 and 40, where s(1 − s)
    // would already be 0; the two underflow points.
    std::vector<T> centers{T(0),  T(1e-3), T(0.01), T(0.1),  T(0.2), T(0.25), T(0.34657359), T(1),
                           T(1.03972077), T(5), T(16), T(20), T(40), to_subnormal, to_zero};
    constexpr std::size_t window = monotonic_window;
    for (T center : centers) {
        auto start = std::max<ordinal_t<T>>(to_ordinal(center) - static_cast<ordinal_t<T>>(window / 2), 0);
        check_monotonic("sigmoid_grad", squash::sigmoid_grad,
                        consecutive_around(from_ordinal<T>(start + static_cast<ordinal_t<T>>(window / 2)), window),
                        direction::non_increasing, "the window around " + show(center));
    }
    check_monotonic("sigmoid_grad", squash::sigmoid_grad, linear_grid<T>(0, high, 1'000'001),
                    direction::non_increasing, "a linear grid on [0, " + show(high) + "]");
    check_monotonic("sigmoid_grad", squash::sigmoid_grad, ordinal_grid<T>(T(0), high, 1'000'001),
                    direction::non_increasing, "all binades of [0, " + show(high) + "]");
}

TEMPLATE_TEST_CASE("sigmoid_grad: exactly even, values in [0, 1/4]", "[sigmoid_grad][symmetry][range]", float, double)
{
    using T = TestType;
    auto z = random_bit_patterns<T>(1 << 18, 7);
    auto dense = ordinal_grid<T>(T(0), std::numeric_limits<T>::max(), 1 << 18);
    z.insert(z.end(), dense.begin(), dense.end());
    std::vector<T> minus_z(z.size()), g(z.size()), g_minus(z.size());
    for (std::size_t i = 0; i < z.size(); ++i)
        minus_z[i] = -z[i];
    squash::sigmoid_grad(z, g);
    squash::sigmoid_grad(minus_z, g_minus);
    std::size_t odd = 0, out_of_range = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        // For NaN inputs only NaN-ness is required, not a matching payload.
        bool even = std::isnan(z[i]) ? std::isnan(g_minus[i]) : same_bits(g[i], g_minus[i]);
        if (!even && odd++ == 0)
            UNSCOPED_INFO("sigmoid_grad(" << show(z[i]) << ") = " << show(g[i]) << " but sigmoid_grad(-z) = "
                                          << show(g_minus[i]));
        bool in_range = std::isnan(z[i]) ? std::isnan(g[i]) : (g[i] >= 0 && g[i] <= T(0.25));
        if (!in_range && out_of_range++ == 0)
            UNSCOPED_INFO("out of range: sigmoid_grad(" << show(z[i]) << ") = " << show(g[i]));
    }
    CHECK(odd == 0);
    CHECK(out_of_range == 0);
}

TEMPLATE_TEST_CASE("sigmoid_grad: special values", "[sigmoid_grad][special]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    CHECK(squash::sigmoid_grad(T(0)) == T(0.25));
    CHECK(squash::sigmoid_grad(T(-0.0)) == T(0.25));
    CHECK(same_bits(squash::sigmoid_grad(lim::infinity()), T(0)));
    CHECK(same_bits(squash::sigmoid_grad(-lim::infinity()), T(0)));
    CHECK(std::isnan(squash::sigmoid_grad(lim::quiet_NaN())));
    CHECK(std::isnan(squash::sigmoid_grad(-lim::quiet_NaN())));
    CHECK(std::isnan(squash::sigmoid_grad(lim::signaling_NaN())));
    CHECK(same_bits(squash::sigmoid_grad(lim::max()), T(0)));
    CHECK(same_bits(squash::sigmoid_grad(lim::lowest()), T(0)));
    // σ'(z) = 1/4 − z²/16 + O(z^4): exactly 1/4 for subnormal and tiny z.
    for (T z : {lim::denorm_min(), -lim::denorm_min(), lim::min(), -lim::min(), T(lim::min() / 3)}) {
        CAPTURE(z);
        CHECK(squash::sigmoid_grad(z) == T(0.25));
    }
}

TEMPLATE_TEST_CASE("sigmoid_grad: where s(1 - s) is 0, the gradient is not", "[sigmoid_grad][trap]", float, double)
{
    using T = TestType;
    // σ(z) rounds to 1 for z >= (p+1) ln 2 (float 17.3, double 37.4), so the
    // textbook σ(1 − σ) returns 0 there although σ'(z) ≈ e^-z is a normal
    // number for another ~70 (float) or ~670 (double) units of z.
    T const z = std::is_same_v<T, float> ? T(20) : T(40);
    T const s = squash::sigmoid(z);
    CHECK(s * (1 - s) == 0);  // the trap is real
    T const g = squash::sigmoid_grad(z);
    long double const exact = sigmoid_grad_ref(z);
    INFO("sigmoid_grad(" << show(z) << ") = " << show(g) << ", exact " << static_cast<double>(exact) << ", "
                         << static_cast<double>(ulp_error<T>(g, exact)) << " ulp");
    CHECK(ulp_error<T>(g, exact) <= grad_bound<T>);
    if constexpr (std::is_same_v<T, float>)
        // σ'(20) = 2.0611537e-9 to its 8 printed digits, to ~2 float ulps (ulp = 2^-52 ≈ 2.2e-16 here)
        CHECK(std::fabs(g - 2.0611537e-9f) <= 5e-16f);
}

TEMPLATE_TEST_CASE("sigmoid_grad: gradual underflow, no flush to zero", "[sigmoid_grad][underflow]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    // σ'(z) ≈ e^-|z| is subnormal for |z| > ln(1/min). Up to
    // |z| = ln(1/denorm_min) − 0.7 it is at least 2 denorm_min, so a result
    // within its bound (<= 1 ulp = denorm_min there) cannot be 0: a flush to zero
    // anywhere in that stretch fails here.
    long double const lower = -std::log(static_cast<long double>(lim::min())) + 0.01L;
    long double const upper = -std::log(static_cast<long double>(lim::denorm_min())) - 0.7L;
    for (T sign : {T(1), T(-1)}) {
        auto z = linear_grid<T>(sign * lower, sign * upper, 100'001);
        std::vector<T> g(z.size());
        squash::sigmoid_grad(z, g);
        std::size_t zero = 0, normal = 0;
        for (std::size_t i = 0; i < z.size(); ++i) {
            if (g[i] == 0 && zero++ == 0)
                UNSCOPED_INFO("flushed: sigmoid_grad(" << show(z[i]) << ") = 0");
            if (g[i] >= lim::min() && normal++ == 0)
                UNSCOPED_INFO("not subnormal: sigmoid_grad(" << show(z[i]) << ") = " << show(g[i]));
        }
        CHECK(zero == 0);
        CHECK(normal == 0);
    }
}
