// The checks every function object of tests/function_table.hpp gets, read
// from the table: its ULP bound (per type and tier) over dense sweeps
// against the long-double reference, its shape (monotonic; even or odd bit
// for bit), its range, +-inf and NaN, and the agreement of its scalar and
// range forms. A new function or tier added to the table is tested here
// without another line; tests/sigmoid.cpp and its siblings add what is
// particular to one function (the blog's tables, underflow points, traps).
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "catch.hpp"
#include "function_table.hpp"
#include "sweep_checks.hpp"

using namespace squash_test;

namespace {

// Sweeps that reach every regime of every function: near 0 (all binades),
// the bend, saturation, the subnormal results and beyond.
template <class T>
std::vector<region<T>> generic_regions()
{
    constexpr bool is_float = std::is_same_v<T, float>;
    constexpr T wide = is_float ? T(110) : T(800);
    return {
        {"linear [-20, 20]", linear_grid<T>(-20, 20, 400'001)},
        {"linear [-wide, wide]", linear_grid<T>(-wide, wide, 400'001)},
        {"all binades [-wide, wide]", ordinal_grid<T>(-wide, wide, 400'001)},
    };
}

template <class T>
long double allowed(function_entry const& f)
{
    return bound_of<T>(f).ulps + reference_margin_ulp<T>;
}

template <class T>
void check_function_sweeps(function_entry const& f)
{
    auto const& m = info(f.math);
    auto const& call = forms<T>(f);
    auto const bound = allowed<T>(f);
    bool const strict = bound_of<T>(f).strict;
    for (auto const& r : generic_regions<T>()) {
        std::vector<T> y(r.z.size());
        call.range(r.z.data(), y.data(), r.z.size());
        ulp_record record;
        std::size_t flushed = 0, not_flushed = 0;
        for (std::size_t i = 0; i < r.z.size(); ++i) {
            long double const exact = m.reference(r.z[i]);
            // A flushing function owes nothing but a zero of the exact
            // value's sign below the normal range.
            if (f.below_normal == subnormals::flushed && std::fabs(exact) < std::numeric_limits<T>::min()) {
                T const zero = std::signbit(exact) ? T(-0.0) : T(0);
                bool const ok = same_bits(y[i], zero) || ulp_error<T>(y[i], exact) <= bound;
                flushed += same_bits(y[i], zero);
                if (!ok && not_flushed++ == 0)
                    UNSCOPED_INFO(f.name << "(" << show(r.z[i]) << ") = " << show(y[i]) << ": neither a zero of the exact value's sign nor within "
                                         << static_cast<double>(bound) << " ulp");
                continue;
            }
            record.add(r.z[i], y[i], exact);
        }
        record.print(f.name, type_name<T>(), r.name);
        INFO(f.name << "<" << type_name<T>() << "> over " << r.name << ": " << static_cast<double>(record.max_ulp)
                    << " ulp at z = " << show(static_cast<T>(record.worst_z)) << "; bound " << (strict ? "< " : "<= ")
                    << static_cast<double>(bound) << " (" << bound_of<T>(f).claim << "); " << flushed << " flushed");
        if (strict)
            CHECK(record.max_ulp < bound);
        else
            CHECK(record.max_ulp <= bound);
        CHECK(not_flushed == 0);
    }
}

template <class T>
void check_function_shape(function_entry const& f)
{
    auto const& m = info(f.math);
    auto const& call = forms<T>(f);
    auto const range_form = [&](std::vector<T> const& z, std::vector<T>& y) { call.range(z.data(), y.data(), z.size()); };
    constexpr bool is_float = std::is_same_v<T, float>;
    // Consecutive values around the points where the kernels change regime.
    std::vector<T> centers{T(0), T(1e-3), T(0.25), T(0.34657359), T(1), T(5), T(17), T(37)};
    if (is_float)
        centers.insert(centers.end(), {T(87.33), T(103.97), T(112)});
    else
        centers.insert(centers.end(), {T(708.4), T(745.1)});
    bool const even = m.kind == shape::even_peak;
    for (T c : centers) {
        for (T center : {c, T(-c)}) {
            auto z = consecutive_around(center, monotonic_window / 4);
            if (even && !(center > 0))
                continue;  // an even peak falls on z >= 0; the other side is its mirror (checked below)
            if (near_turn<T>(m, double(center)) || piece_of(m, double(z.front())) != piece_of(m, double(z.back())))
                continue;  // a piecewise function's turning points are left to tests/training.cpp
            bool const falling = even || falls_at(m, double(center));
            check_monotonic(f.name, range_form, z, falling ? direction::non_increasing : direction::non_decreasing,
                            "the window around " + show(center),
                            is_float ? f.order_slack_float : f.order_slack_double);
        }
    }
    // Symmetry bit for bit, range, NaN -> NaN, over random bit patterns.
    auto z = random_bit_patterns<T>(1 << 17, 0x5eed);
    std::vector<T> minus_z(z.size()), y(z.size()), y_minus(z.size());
    for (std::size_t i = 0; i < z.size(); ++i)
        minus_z[i] = -z[i];
    range_form(z, y);
    range_form(minus_z, y_minus);
    std::size_t asymmetric = 0, out_of_range = 0, lost_nan = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        if (std::isnan(z[i])) {
            lost_nan += !std::isnan(y[i]);
            continue;
        }
        bool symmetric = m.kind == shape::even_peak       ? same_bits(y[i], y_minus[i])
                         : m.kind == shape::odd_increasing ? same_bits(y[i], T(-y_minus[i]))
                                                           : true;
        if (!symmetric && asymmetric++ == 0)
            UNSCOPED_INFO(f.name << "(" << show(z[i]) << ") = " << show(y[i]) << ", at -z " << show(y_minus[i]));
        if (!(y[i] >= T(m.lowest) && y[i] <= T(m.highest)) && out_of_range++ == 0)
            UNSCOPED_INFO(f.name << "(" << show(z[i]) << ") = " << show(y[i]) << " is out of range");
    }
    CHECK(asymmetric == 0);
    CHECK(out_of_range == 0);
    CHECK(lost_nan == 0);
}

template <class T>
void check_function_forms(function_entry const& f)
{
    using lim = std::numeric_limits<T>;
    auto const& m = info(f.math);
    auto const& call = forms<T>(f);
    // +-inf give the reference's limits exactly.
    for (T z : {lim::infinity(), -lim::infinity()}) {
        long double const limit = m.reference(z);
        CAPTURE(f.name, z);
        CHECK(same_bits(call.scalar(z), static_cast<T>(limit)));
    }
    // Scalar and range forms agree bit for bit on every input, in every
    // position of the array (odd length: the tail goes through the buffer).
    auto z = random_bit_patterns<T>((1 << 14) + 3, 0xf0f0);
    std::vector<T> y(z.size());
    call.range(z.data(), y.data(), z.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        T const s = call.scalar(z[i]);
        if (!same_result(s, y[i]) && differ++ == 0)
            UNSCOPED_INFO(f.name << "(" << show(z[i]) << "): scalar " << show(s) << ", range " << show(y[i]));
    }
    CHECK(differ == 0);
}

}  // namespace

TEMPLATE_TEST_CASE("every function: error within its table bound over dense sweeps", "[table][ulp]", float, double)
{
    for (auto const& f : functions) {
        SECTION(f.name) { check_function_sweeps<TestType>(f); }
    }
}

TEMPLATE_TEST_CASE("every function: monotonic, symmetric bit for bit, in range, NaN kept", "[table][monotonic]",
                   float, double)
{
    for (auto const& f : functions) {
        SECTION(f.name) { check_function_shape<TestType>(f); }
    }
}

TEMPLATE_TEST_CASE("every function: limits at +-inf, scalar and range forms agree", "[table][forms]", float, double)
{
    for (auto const& f : functions) {
        SECTION(f.name) { check_function_forms<TestType>(f); }
    }
}
