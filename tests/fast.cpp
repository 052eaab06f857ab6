// squash::fast (sigmoid, sigmoid_grad, bipolar_sigmoid) against the
// long-double references: the 4-ulp bound over dense sweeps where the exact
// result is normal, the flush to +0 below the normal range (σ, σ') and the
// gradual subnormals of σ₂, monotonicity (windows of consecutive values
// around 0, the reduction's subinterval boundaries and the switch points),
// exact symmetry, range, special values and NaN bits, the absence of
// overflow / invalid / divide-by-zero flags and of subnormal σ, σ' results,
// and the agreement of the call forms.
//
// Over all 2^32 floats these properties are checked by the exhaustive sweep
// (tests/exhaustive); here a few million points per type keep the unit
// suite quick.
#include <squash/fast.hpp>

#include <cfenv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch.hpp"
#include "sweep_checks.hpp"

using namespace squash_test;

namespace {

// The documented bound, plus the reference's own uncertainty for double.
template <class T>
constexpr long double fast_bound = 4.0L + reference_margin_ulp<T>;

// The bits of x as an unsigned integer (C++17: no std::bit_cast here).
template <class T>
std::uint64_t bits_of(T x)
{
    if constexpr (sizeof(T) == 4) {
        std::uint32_t b;
        std::memcpy(&b, &x, 4);
        return b;
    } else {
        std::uint64_t b;
        std::memcpy(&b, &x, 8);
        return b;
    }
}

template <class T>
T from_bits_of(std::uint64_t b)
{
    T x;
    if constexpr (sizeof(T) == 4) {
        auto b32 = static_cast<std::uint32_t>(b);
        std::memcpy(&x, &b32, 4);
    } else {
        std::memcpy(&x, &b, 8);
    }
    return x;
}

template <class T>
constexpr std::uint64_t quiet_bit = sizeof(T) == 4 ? 0x00400000u : 0x0008000000000000u;

template <class T>
constexpr std::uint64_t sign_bit = sizeof(T) == 4 ? 0x80000000u : 0x8000000000000000u;

// The least z whose exact σ(z) is normal, found from the reference (not
// from the implementation's constant): below it σ and σ' must give +0.
template <class T>
T least_normal_sigmoid_input()
{
    constexpr T low = std::is_same_v<T, float> ? T(-200) : T(-1000);
    long double const tiny = std::numeric_limits<T>::min();
    return first_where(low, T(0), [&](T z) { return sigmoid_ref(z) >= tiny; });
}

// Sweeps over which the exact result is normal (for σ, σ'), a few million
// points per type. `limit` = the largest |z| with a normal exact result.
template <class T>
std::vector<region<T>> normal_regions(T limit, bool symmetric)
{
    T const lo = symmetric ? -limit : limit;  // σ: [limit, +big]; σ': [-limit, limit]
    constexpr T top = std::is_same_v<T, float> ? T(30) : T(50);
    T const hi = symmetric ? limit : top;
    std::vector<region<T>> regions{
        {"linear, whole normal range", linear_grid<T>(lo, hi, 1'000'001)},
        {"all binades, whole normal range", ordinal_grid<T>(lo, hi, 1'000'001)},
        {"linear [-10, 10]", linear_grid<T>(-10, 10, 500'001)},
        {"near the flush point", consecutive_around(std::nextafter(limit, T(0)), 200'000)},
    };
    // Keep only inputs whose exact result is normal.
    long double const tiny = std::numeric_limits<T>::min();
    for (auto& r : regions) {
        std::vector<T> kept;
        for (T z : r.z)
            if (sigmoid_grad_ref(z) >= tiny || (!symmetric && sigmoid_ref(z) >= tiny))
                kept.push_back(z);
        r.z = kept;
    }
    return regions;
}

template <class T>
std::vector<region<T>> bipolar_regions()
{
    using lim = std::numeric_limits<T>;
    constexpr T top = std::is_same_v<T, float> ? T(30) : T(50);
    return {
        {"linear [-top, top]", linear_grid<T>(-top, top, 1'000'001)},
        {"all binades [-top, top]", ordinal_grid<T>(-top, top, 1'000'001)},
        {"around 1e-5", linear_grid<T>(0.5e-5L, 2e-5L, 100'001)},
        {"subnormal z (gradual results)", ordinal_grid<T>(-lim::min() * 4, lim::min() * 4, 200'001)},
    };
}

// Points where the kernels switch subintervals or formulas: odd multiples
// of ln2/64 (the float AVX-512 table), ln2/32 (the double table) and ln2/2
// (the portable reduction; among them ±23.5 ln2 and ±52.5 ln2, where 2^n
// leaves the range in which the portable σ's 1 + 2^n is exact: float and
// double), ±ln 3, and a few ordinary values.
template <class T>
std::vector<T> boundary_centres()
{
    long double const ln2 = 0.693147180559945309417232121458176568L;
    std::vector<T> c{T(0), T(1e-3), T(-1e-3), T(0.06), T(-0.06), T(1.0986123), T(-1.0986123), T(5), T(-5)};
    for (int k : {1, 3, 5, 31, 33, 63, 65, 191, 1001})
        for (long double step : {ln2 / 64, ln2 / 32})
            for (int s : {1, -1})
                c.push_back(static_cast<T>(s * k * step));
    for (int k : {1, 3, 5, 25, 45, 47, 49, 105, 107})
        for (int s : {1, -1})
            c.push_back(static_cast<T>(s * k * ln2 / 2));
    return c;
}

template <class F, class T>
std::vector<T> results_of(F const& f, std::vector<T> const& z)
{
    std::vector<T> y(z.size());
    f(z, y);
    return y;
}

}  // namespace

// ---- accuracy -----------------------------------------------------------

TEMPLATE_TEST_CASE("fast::sigmoid: within 4 ulp wherever the exact result is normal", "[fast][sigmoid][ulp]", float,
                   double)
{
    using T = TestType;
    T const limit = least_normal_sigmoid_input<T>();
    check_ulp_sweeps<T>("fast::sigmoid", squash::fast::sigmoid, sigmoid_ref, normal_regions<T>(limit, false),
                        fast_bound<T>);
}

TEMPLATE_TEST_CASE("fast::sigmoid_grad: within 4 ulp wherever the exact result is normal",
                   "[fast][sigmoid_grad][ulp]", float, double)
{
    using T = TestType;
    T const limit = -least_normal_sigmoid_input<T>();
    check_ulp_sweeps<T>("fast::sigmoid_grad", squash::fast::sigmoid_grad, sigmoid_grad_ref,
                        normal_regions<T>(limit, true), fast_bound<T>);
}

TEMPLATE_TEST_CASE("fast::bipolar_sigmoid: within 4 ulp, subnormal results included", "[fast][bipolar_sigmoid][ulp]",
                   float, double)
{
    using T = TestType;
    // ulp_error measures subnormal results in subnormal ulps: the documented
    // "within one subnormal ulp" is inside this bound, and checked exactly
    // in the underflow test below.
    check_ulp_sweeps<T>("fast::bipolar_sigmoid", squash::fast::bipolar_sigmoid, bipolar_sigmoid_ref,
                        bipolar_regions<T>(), fast_bound<T>);
}

// ---- underflow: flushed (σ, σ'), gradual (σ₂) ---------------------------

TEMPLATE_TEST_CASE("fast::sigmoid and sigmoid_grad: +0 exactly where the exact result is subnormal",
                   "[fast][underflow]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    T const limit = least_normal_sigmoid_input<T>();
    // The switch is the same float for σ' (|z| > -limit): the references agree.
    CHECK(sigmoid_grad_ref(limit) >= static_cast<long double>(lim::min()));
    CHECK(sigmoid_grad_ref(std::nextafter(limit, -lim::infinity())) < static_cast<long double>(lim::min()));

    // At the switch: normal, not subnormal; one step below: +0.
    CHECK(squash::fast::sigmoid(limit) >= lim::min());
    CHECK(squash::fast::sigmoid_grad(limit) >= lim::min());
    CHECK(squash::fast::sigmoid_grad(-limit) >= lim::min());
    T const below = std::nextafter(limit, -lim::infinity());
    CHECK(bits_of(squash::fast::sigmoid(below)) == 0u);
    CHECK(bits_of(squash::fast::sigmoid_grad(below)) == 0u);
    CHECK(bits_of(squash::fast::sigmoid_grad(-below)) == 0u);

    // Everything from there down to -inf (and up to +inf for σ') is +0.
    auto z = ordinal_grid<T>(lim::lowest(), below, 100'001);
    z.push_back(-lim::infinity());
    auto s = results_of(squash::fast::sigmoid, z);
    std::vector<T> minus_z(z.size());
    for (std::size_t i = 0; i < z.size(); ++i)
        minus_z[i] = -z[i];
    auto g = results_of(squash::fast::sigmoid_grad, z);
    auto g_minus = results_of(squash::fast::sigmoid_grad, minus_z);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < z.size(); ++i)
        if ((bits_of(s[i]) | bits_of(g[i]) | bits_of(g_minus[i])) != 0u && bad++ == 0)
            UNSCOPED_INFO("not +0 at z = " << show(z[i]) << ": sigmoid " << show(s[i]) << ", sigmoid_grad "
                                           << show(g[i]) << ", sigmoid_grad(-z) " << show(g_minus[i]));
    CHECK(bad == 0);
}

TEMPLATE_TEST_CASE("fast::sigmoid and sigmoid_grad: no subnormal result for any input", "[fast][underflow]", float,
                   double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    // A subnormal result would cost the CPU 2-5x (and contradict the flush);
    // so would a subnormal intermediate, which would show up here as one.
    std::vector<T> z = ordinal_grid<T>(lim::lowest(), lim::max(), 1'000'001);
    auto extra = random_bit_patterns<T>(1 << 18, 7);
    z.insert(z.end(), extra.begin(), extra.end());
    for (auto const& y : {results_of(squash::fast::sigmoid, z), results_of(squash::fast::sigmoid_grad, z)}) {
        std::size_t bad = 0;
        for (std::size_t i = 0; i < z.size(); ++i)
            if (y[i] != 0 && std::fabs(y[i]) < lim::min() && bad++ == 0)
                UNSCOPED_INFO("subnormal result at z = " << show(z[i]) << ": " << show(y[i]));
        CHECK(bad == 0);
    }
}

TEMPLATE_TEST_CASE("fast::bipolar_sigmoid: gradual underflow, within one subnormal ulp", "[fast][underflow]", float,
                   double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    auto z = ordinal_grid<T>(-lim::min() * 2, lim::min() * 2, 200'001);
    auto y = results_of(squash::fast::bipolar_sigmoid, z);
    long double const unit = lim::denorm_min();
    long double worst = 0;
    std::size_t flushed = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        long double exact = bipolar_sigmoid_ref(z[i]);
        worst = std::max(worst, std::fabs(static_cast<long double>(y[i]) - exact) / unit);
        if (y[i] == 0 && std::fabs(exact) >= unit)
            ++flushed;
    }
    INFO("worst error on subnormal results: " << static_cast<double>(worst) << " subnormal ulps");
    CHECK(worst <= 1.0L);
    CHECK(flushed == 0);
    CHECK(squash::fast::bipolar_sigmoid(lim::denorm_min() * 4) == lim::denorm_min() * 2);
}

// ---- monotonicity ------------------------------------------------------

TEMPLATE_TEST_CASE("fast: monotone over consecutive values around boundaries and switch points",
                   "[fast][monotonic]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    T const limit = least_normal_sigmoid_input<T>();
    T const sigmoid_to_one = first_where(T(1), T(100), [](T z) { return squash::fast::sigmoid(z) == 1; });
    T const bipolar_to_one = first_where(T(1), T(100), [](T z) { return squash::fast::bipolar_sigmoid(z) == 1; });
    auto centres = boundary_centres<T>();
    for (T c : {limit, sigmoid_to_one, bipolar_to_one, T(-bipolar_to_one)})
        centres.push_back(c);
    // σ' is even: its windows are on z >= 0 (non-increasing) and z <= 0
    // (non-decreasing).
    std::size_t const window = std::is_same_v<T, float> ? monotonic_window : monotonic_window / 4;
    for (T c : centres) {
        auto z = consecutive_around(c, window);
        std::string where = "the window around " + show(c);
        check_monotonic("fast::sigmoid", squash::fast::sigmoid, z, direction::non_decreasing, where);
        check_monotonic("fast::bipolar_sigmoid", squash::fast::bipolar_sigmoid, z, direction::non_decreasing, where);
        std::vector<T> positive, negative;
        for (T v : z)
            (v >= 0 ? positive : negative).push_back(v);
        if (!positive.empty())
            check_monotonic("fast::sigmoid_grad", squash::fast::sigmoid_grad, positive, direction::non_increasing,
                            where + " (z >= 0)");
        if (!negative.empty())
            check_monotonic("fast::sigmoid_grad", squash::fast::sigmoid_grad, negative, direction::non_decreasing,
                            where + " (z < 0)");
    }
    // Across everything, coarsely: every binade from -inf to +inf.
    auto z = ordinal_grid<T>(-lim::infinity(), lim::infinity(), 2'000'001);
    check_monotonic("fast::sigmoid", squash::fast::sigmoid, z, direction::non_decreasing, "all binades");
    check_monotonic("fast::bipolar_sigmoid", squash::fast::bipolar_sigmoid, z, direction::non_decreasing,
                    "all binades");
    auto zp = ordinal_grid<T>(T(0), lim::infinity(), 1'000'001);
    check_monotonic("fast::sigmoid_grad", squash::fast::sigmoid_grad, zp, direction::non_increasing,
                    "all binades, z >= 0");
}

// ---- symmetry, range, special values, NaN -------------------------------

TEMPLATE_TEST_CASE("fast: sigmoid_grad is even and bipolar_sigmoid odd, bit for bit", "[fast][symmetry]", float,
                   double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    auto z = ordinal_grid<T>(T(0), lim::infinity(), 1'000'001);
    auto more = linear_grid<T>(0, 30, 300'001);
    z.insert(z.end(), more.begin(), more.end());
    std::vector<T> minus_z(z.size());
    for (std::size_t i = 0; i < z.size(); ++i)
        minus_z[i] = -z[i];
    auto g = results_of(squash::fast::sigmoid_grad, z), g_minus = results_of(squash::fast::sigmoid_grad, minus_z);
    auto b = results_of(squash::fast::bipolar_sigmoid, z), b_minus = results_of(squash::fast::bipolar_sigmoid, minus_z);
    std::size_t bad_even = 0, bad_odd = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        if (bits_of(g[i]) != bits_of(g_minus[i]) && bad_even++ == 0)
            UNSCOPED_INFO("sigmoid_grad(" << show(z[i]) << ") = " << show(g[i]) << " but sigmoid_grad(-z) = "
                                          << show(g_minus[i]));
        if (bits_of(b[i]) != (bits_of(b_minus[i]) ^ sign_bit<T>) && bad_odd++ == 0)
            UNSCOPED_INFO("bipolar_sigmoid(" << show(z[i]) << ") = " << show(b[i]) << " but bipolar_sigmoid(-z) = "
                                             << show(b_minus[i]));
    }
    CHECK(bad_even == 0);
    CHECK(bad_odd == 0);
}

TEMPLATE_TEST_CASE("fast: values in range for every input", "[fast][range]", float, double)
{
    using T = TestType;
    auto z = random_bit_patterns<T>(1 << 19, 20240611);
    auto s = results_of(squash::fast::sigmoid, z), g = results_of(squash::fast::sigmoid_grad, z),
         b = results_of(squash::fast::bipolar_sigmoid, z);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        if (std::isnan(z[i]))
            continue;
        bool ok = s[i] >= 0 && s[i] <= 1 && g[i] >= 0 && g[i] <= T(0.25) && b[i] >= -1 && b[i] <= 1;
        if (!ok && bad++ == 0)
            UNSCOPED_INFO("out of range at z = " << show(z[i]) << ": " << show(s[i]) << ", " << show(g[i]) << ", "
                                                 << show(b[i]));
    }
    CHECK(bad == 0);
}

TEMPLATE_TEST_CASE("fast: special values", "[fast][special]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    T const inf = lim::infinity();
    CHECK(squash::fast::sigmoid(inf) == 1);
    CHECK(bits_of(squash::fast::sigmoid(-inf)) == 0u);
    CHECK(squash::fast::sigmoid(T(0)) == T(0.5));
    CHECK(squash::fast::sigmoid(T(-0.0)) == T(0.5));
    CHECK(squash::fast::sigmoid(lim::max()) == 1);
    CHECK(bits_of(squash::fast::sigmoid(lim::lowest())) == 0u);
    CHECK(bits_of(squash::fast::sigmoid_grad(inf)) == 0u);
    CHECK(bits_of(squash::fast::sigmoid_grad(-inf)) == 0u);
    CHECK(squash::fast::sigmoid_grad(T(0)) == T(0.25));
    CHECK(squash::fast::sigmoid_grad(T(-0.0)) == T(0.25));
    CHECK(squash::fast::bipolar_sigmoid(inf) == 1);
    CHECK(squash::fast::bipolar_sigmoid(-inf) == -1);
    CHECK(bits_of(squash::fast::bipolar_sigmoid(T(0))) == 0u);
    CHECK(bits_of(squash::fast::bipolar_sigmoid(T(-0.0))) == sign_bit<T>);
    // σ(z) = 1/2 + z/4 + ...: 1/2 exactly for tiny z.
    for (T z : {lim::denorm_min(), -lim::denorm_min(), lim::min(), -lim::min()}) {
        CAPTURE(z);
        CHECK(squash::fast::sigmoid(z) == T(0.5));
        CHECK(squash::fast::sigmoid_grad(z) == T(0.25));
    }
}

TEMPLATE_TEST_CASE("fast: NaN in gives that NaN out, quieted, in every call form", "[fast][nan]", float, double)
{
    using T = TestType;
    // Quiet and signaling, both signs, payloads at both ends.
    constexpr std::uint64_t exponent = sizeof(T) == 4 ? 0x7f800000u : 0x7ff0000000000000u;
    constexpr std::uint64_t payload_mask = quiet_bit<T> - 1;
    std::vector<T> z;
    for (std::uint64_t payload : {std::uint64_t(1), std::uint64_t(0x2345), payload_mask})
        for (std::uint64_t quiet : {std::uint64_t(0), quiet_bit<T>})
            for (std::uint64_t sign : {std::uint64_t(0), sign_bit<T>})
                z.push_back(from_bits_of<T>(sign | exponent | quiet | payload));
    z.push_back(from_bits_of<T>(exponent | quiet_bit<T>));
    z.push_back(from_bits_of<T>(sign_bit<T> | exponent | quiet_bit<T>));
    // Pad with ordinary values so that NaNs sit at every lane position.
    std::vector<T> mixed;
    for (std::size_t i = 0; i < 67; ++i)
        mixed.push_back(i % 3 == 0 ? z[i % z.size()] : T(i) - T(30));
    auto check_function = [&](auto const& f, char const* name) {
        auto y = results_of(f, mixed);
        for (std::size_t i = 0; i < mixed.size(); ++i) {
            if (!std::isnan(mixed[i]))
                continue;
            INFO(name << "(" << show(mixed[i]) << ")");
            std::uint64_t const expected = bits_of(mixed[i]) | quiet_bit<T>;
            CHECK(bits_of(y[i]) == expected);
            CHECK(bits_of(f(mixed[i])) == expected);
        }
    };
    check_function(squash::fast::sigmoid, "fast::sigmoid");
    check_function(squash::fast::sigmoid_grad, "fast::sigmoid_grad");
    check_function(squash::fast::bipolar_sigmoid, "fast::bipolar_sigmoid");
}

TEMPLATE_TEST_CASE("fast: no overflow, invalid or divide-by-zero flag for non-NaN inputs", "[fast][flags]", float,
                   double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    auto z = ordinal_grid<T>(-lim::infinity(), lim::infinity(), 1'000'001);
    auto extra = random_bit_patterns<T>(1 << 18, 99);
    for (T v : extra)
        if (!std::isnan(v))
            z.push_back(v);
    std::vector<T> y(z.size());
    std::feclearexcept(FE_ALL_EXCEPT);
    squash::fast::sigmoid(z, y);
    squash::fast::sigmoid_grad(z, y);
    squash::fast::bipolar_sigmoid(z, y);
    int const raised = std::fetestexcept(FE_OVERFLOW | FE_INVALID | FE_DIVBYZERO);
    INFO("flags raised: overflow " << ((raised & FE_OVERFLOW) != 0) << ", invalid " << ((raised & FE_INVALID) != 0)
                                   << ", divide-by-zero " << ((raised & FE_DIVBYZERO) != 0));
    CHECK(raised == 0);
}

// ---- call forms ----------------------------------------------------------

TEMPLATE_TEST_CASE("fast: scalar, batch and range forms give the same bits at every position", "[fast][forms]",
                   float, double)
{
    using T = TestType;
    using batch = xsimd::batch<T>;
    auto z = random_bit_patterns<T>(1001, 5);
    auto more = linear_grid<T>(-120, 120, 999);
    z.insert(z.end(), more.begin(), more.end());
    auto check_function = [&](auto const& f, char const* name) {
        INFO(name);
        auto ranged = results_of(f, z);
        std::vector<T> in_place = z;
        f(in_place);
        // A shifted, odd-length sub-range: different lanes and a tail.
        std::vector<T> shifted(z.begin() + 3, z.end());
        auto shifted_out = results_of(f, shifted);
        std::size_t bad = 0;
        for (std::size_t i = 0; i < z.size(); ++i) {
            std::uint64_t const expected = bits_of(ranged[i]);
            bool ok = bits_of(f(z[i])) == expected && bits_of(in_place[i]) == expected &&
                      bits_of(f(batch(z[i])).get(0)) == expected && (i < 3 || bits_of(shifted_out[i - 3]) == expected);
            if (!ok && bad++ == 0)
                UNSCOPED_INFO("forms disagree at z = " << show(z[i]));
        }
        CHECK(bad == 0);
    };
    check_function(squash::fast::sigmoid, "fast::sigmoid");
    check_function(squash::fast::sigmoid_grad, "fast::sigmoid_grad");
    check_function(squash::fast::bipolar_sigmoid, "fast::bipolar_sigmoid");
}

TEST_CASE("fast: the same errors for bad input as the exact tier", "[fast][forms]")
{
    // A size mismatch throws before anything is written, naming the function.
    std::vector<float> in(10, 1.0f), out(9, -7.0f);
    std::string message;
    try {
        squash::fast::sigmoid_grad(in, out);
    } catch (std::invalid_argument const& e) {
        message = e.what();
    }
    CHECK(message.find("fast::sigmoid_grad") != std::string::npos);
    CHECK(out == std::vector<float>(9, -7.0f));
    std::vector<double> d_in(4), d_out(5);
    CHECK_THROWS_AS(squash::fast::bipolar_sigmoid(d_in, d_out), std::invalid_argument);
    CHECK_THROWS_AS(squash::fast::sigmoid(d_out, d_in), std::invalid_argument);
}
