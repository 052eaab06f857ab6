// squash::sigmoid against the long-double reference: the ULP bound over
// dense sweeps (tests/function_table.hpp's bounds), monotonicity, the
// σ(z) + σ(−z) = 1 symmetry, the range [0, 1], special values and gradual
// underflow.
#include <squash/squash.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "catch.hpp"
#include "function_table.hpp"
#include "sweep_checks.hpp"

using namespace squash_test;

namespace {

// A few million points per type; the saturation sweeps reach the z where
// e^z drops below half the least subnormal (float −103.97, double −745.13).
template <class T>
std::vector<region<T>> sigmoid_regions()
{
    std::vector<region<T>> regions{
        {"linear [-100, 100]", linear_grid<T>(-100, 100, 1'000'001)},
        {"all binades [-100, 100]", ordinal_grid<T>(T(-100), T(100), 1'000'001)},
    };
    if constexpr (std::is_same_v<T, float>) {
        regions.push_back({"underflow [-105, -85]", linear_grid<T>(-105, -85, 300'001)});
    } else {
        regions.push_back({"saturation [-746, -100]", linear_grid<T>(-746, -100, 600'001)});
        regions.push_back({"subnormal out [-746, -708]", linear_grid<T>(-746, -708, 300'001)});
        regions.push_back({"saturation [100, 800]", linear_grid<T>(100, 800, 10'001)});
    }
    return regions;
}

template <class T>
T sigmoid_of(T z)
{
    return squash::sigmoid(z);
}

}  // namespace

TEMPLATE_TEST_CASE("sigmoid: error within the ULP bound over dense sweeps", "[sigmoid][ulp]", float, double)
{
    using T = TestType;
    // The bound of tests/function_table.hpp (float: correctly rounded), plus
    // the reference's own uncertainty.
    check_ulp_sweeps<T>("sigmoid", squash::sigmoid, sigmoid_ref, sigmoid_regions<T>(), test_bound<T>("sigmoid"),
                        test_bound_strict<T>("sigmoid"));
}

TEMPLATE_TEST_CASE("sigmoid: non-decreasing over consecutive values and across saturation", "[sigmoid][monotonic]",
                   float, double)
{
    using T = TestType;
    constexpr T low = std::is_same_v<T, float> ? T(-110) : T(-800);
    // Where the result reaches 1, leaves the normal range, and reaches 0:
    // the windows below straddle each of these switch points.
    T const to_one = first_where(T(1), T(100), [](T z) { return sigmoid_of(z) == 1; });
    T const to_normal =
        first_where(low, T(-1), [](T z) { return sigmoid_of(z) >= std::numeric_limits<T>::min(); });
    T const to_nonzero = first_where(low, T(-1), [](T z) { return sigmoid_of(z) > 0; });
    CAPTURE(to_one, to_normal, to_nonzero);
    CHECK(sigmoid_of(std::nextafter(to_one, T(0))) < 1);
    CHECK(sigmoid_of(std::nextafter(to_nonzero, low)) == 0);

    // Centers: 0 and small z, where σ is nearly flat in ulps; ±ln2/2 and
    // ±3ln2/2, where the range reduction's k steps; a few ordinary points;
    // the three switch points.
    std::vector<T> centers{T(0),    T(1e-3), T(-1e-3), T(0.1),  T(-0.1), T(0.34657359), T(-0.34657359),
                           T(1),    T(-1),   T(1.03972077), T(-1.03972077), T(5), T(-5), T(16),
                           T(-16),  to_one,  to_normal, to_nonzero};
    for (T center : centers)
        check_monotonic("sigmoid", squash::sigmoid, consecutive_around(center, monotonic_window),
                        direction::non_decreasing, "the window around " + show(center));
    for (auto const& r : sigmoid_regions<T>())
        check_monotonic("sigmoid", squash::sigmoid, r.z, direction::non_decreasing, r.name);
}

TEMPLATE_TEST_CASE("sigmoid: sigma(z) + sigma(-z) is 1 within an ulp of 1", "[sigmoid][symmetry]", float, double)
{
    using T = TestType;
    // Each term is within 1 ulp of its own (ulp(0.5..1) = eps/2, below 0.5
    // smaller still), so the exact sum is within 1.5 * eps/2 < eps of 1.
    constexpr T top = std::is_same_v<T, float> ? T(105) : T(750);
    auto z = ordinal_grid<T>(T(0), top, 1'000'001);
    std::vector<T> minus_z(z.size()), s(z.size()), s_minus(z.size());
    for (std::size_t i = 0; i < z.size(); ++i)
        minus_z[i] = -z[i];
    squash::sigmoid(z, s);
    squash::sigmoid(minus_z, s_minus);
    long double worst = 0, worst_z = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        long double gap = std::fabs(static_cast<long double>(s[i]) + s_minus[i] - 1.0L);
        if (gap > worst) {
            worst = gap;
            worst_z = z[i];
        }
    }
    long double const eps = std::numeric_limits<T>::epsilon();
    INFO("worst |sigma(z) + sigma(-z) - 1| = " << static_cast<double>(worst / eps) << " eps at z = "
                                               << show(static_cast<T>(worst_z)));
    CHECK(worst <= eps);
}

TEMPLATE_TEST_CASE("sigmoid: values lie in [0, 1] for every input", "[sigmoid][range]", float, double)
{
    using T = TestType;
    auto const z = random_bit_patterns<T>(1 << 18, 20240611);
    std::vector<T> s(z.size());
    squash::sigmoid(z, s);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        bool ok = std::isnan(z[i]) ? std::isnan(s[i]) : (s[i] >= 0 && s[i] <= 1);
        if (!ok && bad++ == 0)
            UNSCOPED_INFO("first bad: sigmoid(" << show(z[i]) << ") = " << show(s[i]));
    }
    CHECK(bad == 0);
}

TEMPLATE_TEST_CASE("sigmoid: special values", "[sigmoid][special]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    CHECK(squash::sigmoid(T(0)) == T(0.5));
    CHECK(squash::sigmoid(T(-0.0)) == T(0.5));
    CHECK(squash::sigmoid(lim::infinity()) == 1);
    CHECK(squash::sigmoid(-lim::infinity()) == 0);
    CHECK(std::isnan(squash::sigmoid(lim::quiet_NaN())));
    CHECK(std::isnan(squash::sigmoid(-lim::quiet_NaN())));
    CHECK(std::isnan(squash::sigmoid(lim::signaling_NaN())));
    CHECK(squash::sigmoid(lim::max()) == 1);
    CHECK(squash::sigmoid(lim::lowest()) == 0);
    // σ(z) = 1/2 + z/4 + O(z^3): for a subnormal or tiny normal z, 1/2 exactly.
    for (T z : {lim::denorm_min(), -lim::denorm_min(), lim::min(), -lim::min(), T(lim::min() / 3)}) {
        CAPTURE(z);
        CHECK(squash::sigmoid(z) == T(0.5));
    }
}

TEMPLATE_TEST_CASE("sigmoid: gradual underflow, no flush to zero", "[sigmoid][underflow]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    // For z < ln(min normal) σ(z) ≈ e^z is subnormal (float: z < −87.34,
    // double: z < −708.40). Down to ln(denorm_min) (float −103.28, double
    // −744.44) the exact value is at least denorm_min, so a result within 1
    // ulp (= denorm_min there) cannot be 0. Below that it may correctly be 0:
    // only under ln(denorm_min / 2) (float −103.97) must it be.
    long double const upper = std::log(static_cast<long double>(lim::min())) - 0.01L;
    long double const lower = std::log(static_cast<long double>(lim::denorm_min()));
    auto z = linear_grid<T>(lower, upper, 100'001);
    z.front() = std::nextafter(z.front(), T(0));  // stay inside after rounding to T
    std::vector<T> s(z.size());
    squash::sigmoid(z, s);
    std::size_t zero = 0, normal = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        if (s[i] == 0 && zero++ == 0)
            UNSCOPED_INFO("flushed: sigmoid(" << show(z[i]) << ") = 0");
        if (s[i] >= lim::min() && normal++ == 0)
            UNSCOPED_INFO("not subnormal: sigmoid(" << show(z[i]) << ") = " << show(s[i]));
    }
    CHECK(zero == 0);
    CHECK(normal == 0);

    T const below_half_denorm = static_cast<T>(std::log(static_cast<long double>(lim::denorm_min()) / 2) - 0.01L);
    CHECK(squash::sigmoid(below_half_denorm) == 0);
}
