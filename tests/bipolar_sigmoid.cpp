// squash::bipolar_sigmoid against the long-double reference: the ULP bound
// over dense sweeps (tests/function_table.hpp's bounds) including tiny and
// subnormal z, monotonicity, exact oddness, the range [−1, 1], special
// values and the cancellation trap of 2σ − 1.
#include <squash/squash.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "catch.hpp"
#include "function_table.hpp"
#include "sweep_checks.hpp"

using namespace squash_test;

namespace {

// "all binades" already visits tiny and subnormal z as densely as large
// ones; the explicit tiny-|z| stretches add the values where 2σ − 1 would
// cancel (|z| near 2^-24 and below).
template <class T>
std::vector<region<T>> bipolar_regions()
{
    using lim = std::numeric_limits<T>;
    std::vector<region<T>> regions{
        {"linear [-100, 100]", linear_grid<T>(-100, 100, 1'000'001)},
        {"all binades [-100, 100]", ordinal_grid<T>(T(-100), T(100), 1'000'001)},
        {"around 1e-5", linear_grid<T>(0.5e-5L, 2e-5L, 100'001)},
        {"around -1e-30", linear_grid<T>(-2e-30L, -0.5e-30L, 100'001)},
        {"subnormal z", ordinal_grid<T>(-lim::min(), lim::min(), 200'001)},
    };
    if constexpr (std::is_same_v<T, double>)
        regions.push_back({"saturation [-800, 800]", linear_grid<T>(-800, 800, 100'001)});
    return regions;
}

template <class T>
T bipolar_of(T z)
{
    return squash::bipolar_sigmoid(z);
}

// tests/function_table.hpp's bound (float: correctly rounded) plus the
// reference's uncertainty.
template <class T>
long double const bipolar_bound = test_bound<T>("bipolar_sigmoid");

}  // namespace

TEMPLATE_TEST_CASE("bipolar_sigmoid: error within the ULP bound over dense sweeps", "[bipolar_sigmoid][ulp]", float,
                   double)
{
    using T = TestType;
    check_ulp_sweeps<T>("bipolar_sigmoid", squash::bipolar_sigmoid, bipolar_sigmoid_ref, bipolar_regions<T>(),
                        bipolar_bound<T>);
}

TEMPLATE_TEST_CASE("bipolar_sigmoid: tiny |z|, where 2 sigma - 1 cancels", "[bipolar_sigmoid][trap]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    // σ₂(z) ≈ z/2 for tiny z; 2σ(z) − 1 keeps only the bits of σ(z) ≈ 1/2 + z/4
    // that lie above ulp(1/2), i.e. nothing relative to z/2 for tiny z.
    std::vector<T> tiny{T(1e-5), T(-1e-5), T(1e-30), T(-1e-30), lim::min(), T(lim::min() / 3),
                        lim::denorm_min(), T(3 * lim::denorm_min()), T(-5 * lim::denorm_min())};
    if constexpr (std::is_same_v<T, double>)
        tiny.push_back(T(1e-300));
    for (T z : tiny) {
        T const got = squash::bipolar_sigmoid(z);
        long double const exact = bipolar_sigmoid_ref(z);
        auto const error = ulp_error<T>(got, exact);
        INFO("bipolar_sigmoid(" << show(z) << ") = " << show(got) << ": " << static_cast<double>(error) << " ulp");
        CHECK(error <= bipolar_bound<T>);
    }
    // The trap: 2σ − 1 at z = 1e-5 is thousands of ulps off (float) or more.
    T const z = T(1e-5);
    T const naive = 2 * squash::sigmoid(z) - 1;
    CHECK(ulp_error<T>(naive, bipolar_sigmoid_ref(z)) > 100);
}

TEMPLATE_TEST_CASE("bipolar_sigmoid: non-decreasing over consecutive values and across saturation",
                   "[bipolar_sigmoid][monotonic]", float, double)
{
    using T = TestType;
    constexpr T high = std::is_same_v<T, float> ? T(110) : T(800);
    T const to_one = first_where(T(1), high, [](T z) { return bipolar_of(z) == 1; });
    T const from_minus_one = first_where(-high, T(-1), [](T z) { return bipolar_of(z) > -1; });
    CAPTURE(to_one, from_minus_one);
    CHECK(bipolar_of(std::nextafter(to_one, T(0))) < 1);

    // Centers: 0 and tiny z; ±1/4 and ±ln2/2 (branch and range-reduction
    // switch points); ordinary points; where the result reaches ±1.
    std::vector<T> centers{T(0),    T(1e-5), T(-1e-5), T(0.1),         T(-0.1),         T(0.25),
                           T(-0.25), T(0.34657359), T(-0.34657359), T(1), T(-1), T(1.03972077),
                           T(-1.03972077), T(5), T(-5), to_one, from_minus_one};
    for (T center : centers)
        check_monotonic("bipolar_sigmoid", squash::bipolar_sigmoid, consecutive_around(center, monotonic_window),
                        direction::non_decreasing, "the window around " + show(center));
    for (auto const& r : bipolar_regions<T>())
        check_monotonic("bipolar_sigmoid", squash::bipolar_sigmoid, r.z, direction::non_decreasing, r.name);
}

TEMPLATE_TEST_CASE("bipolar_sigmoid: exactly odd, values in [-1, 1]", "[bipolar_sigmoid][symmetry][range]", float,
                   double)
{
    using T = TestType;
    auto z = random_bit_patterns<T>(1 << 18, 11);
    auto dense = ordinal_grid<T>(T(0), std::numeric_limits<T>::max(), 1 << 18);
    z.insert(z.end(), dense.begin(), dense.end());
    std::vector<T> minus_z(z.size()), b(z.size()), b_minus(z.size());
    for (std::size_t i = 0; i < z.size(); ++i)
        minus_z[i] = -z[i];
    squash::bipolar_sigmoid(z, b);
    squash::bipolar_sigmoid(minus_z, b_minus);
    std::size_t not_odd = 0, out_of_range = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        // For NaN inputs only NaN-ness is required, not a negated payload.
        bool odd = std::isnan(z[i]) ? std::isnan(b_minus[i]) : same_bits(b_minus[i], T(-b[i]));
        if (!odd && not_odd++ == 0)
            UNSCOPED_INFO("bipolar_sigmoid(" << show(z[i]) << ") = " << show(b[i]) << " but bipolar_sigmoid(-z) = "
                                             << show(b_minus[i]));
        bool in_range = std::isnan(z[i]) ? std::isnan(b[i]) : (b[i] >= -1 && b[i] <= 1);
        if (!in_range && out_of_range++ == 0)
            UNSCOPED_INFO("out of range: bipolar_sigmoid(" << show(z[i]) << ") = " << show(b[i]));
    }
    CHECK(not_odd == 0);
    CHECK(out_of_range == 0);
}

TEMPLATE_TEST_CASE("bipolar_sigmoid: special values", "[bipolar_sigmoid][special]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    CHECK(same_bits(squash::bipolar_sigmoid(T(0)), T(0)));
    CHECK(same_bits(squash::bipolar_sigmoid(T(-0.0)), T(-0.0)));
    CHECK(squash::bipolar_sigmoid(lim::infinity()) == 1);
    CHECK(squash::bipolar_sigmoid(-lim::infinity()) == -1);
    CHECK(std::isnan(squash::bipolar_sigmoid(lim::quiet_NaN())));
    CHECK(std::isnan(squash::bipolar_sigmoid(-lim::quiet_NaN())));
    CHECK(std::isnan(squash::bipolar_sigmoid(lim::signaling_NaN())));
    CHECK(squash::bipolar_sigmoid(lim::max()) == 1);
    CHECK(squash::bipolar_sigmoid(lim::lowest()) == -1);
    // Subnormal z: nonzero, with the sign of z (the value is checked in ulps
    // by the tiny-|z| test).
    for (T z : {lim::denorm_min(), T(2 * lim::denorm_min()), T(lim::min() / 3)}) {
        CAPTURE(z);
        T const up = squash::bipolar_sigmoid(z), down = squash::bipolar_sigmoid(-z);
        CHECK(up >= 0);
        CHECK(down <= 0);
        CHECK(std::signbit(down));
    }
}
