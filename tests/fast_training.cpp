// The fast tier of the training functions (include/squash/fast_training.hpp):
//   fast::sigmoid_backward, fast::bipolar_sigmoid_backward   the error bound
//       (2 ulps with a fused multiply-add, 3 without) against the exact
//       dy·y(1 − y) and dy·(1 − y²)/2 wherever dx is normal, over random and
//       dense (dy, y); NaN rules; every call form, in place, the same bits;
//       size and overlap errors;
//   fast::sigmoid_with_grad   g bit for bit fast::sigmoid_grad; y bit for
//       bit fast::sigmoid for z <= 0 and within 2.5 ulps for z > 0;
//       non-decreasing; NaN; call forms.
#include <squash/squash.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch.hpp"
#include "sweep_checks.hpp"

using namespace squash_test;

namespace {

// dy·y(1 − y) and dy·(1 − y²)/2: y(1 − y) and (1 − y)(1 + y) are exact in
// 113 bits (at most 2·53 + 2), and the product with dy is rounded once
// there, 2^-113: exact for the purpose. long double (2^-64) otherwise.
#if defined(__SIZEOF_FLOAT128__) && (defined(__x86_64__) || defined(__i386__))
using wide_real = __float128;
#else
using wide_real = long double;
#endif

template <class T>
wide_real exact_backward(bool bipolar, T dy, T y)
{
    wide_real const Y = y, D = dy;
    return bipolar ? D * ((1 - Y) * (1 + Y) / 2) : D * (Y * (1 - Y));
}

template <class T>
double ulps_off(T got, wide_real exact)
{
    if (std::isnan(got))
        return std::numeric_limits<double>::infinity();
    wide_real const magnitude = exact < 0 ? -exact : exact;
    long double const spacing = ulp_of<T>(static_cast<long double>(magnitude));
    wide_real const difference = static_cast<wide_real>(got) - exact;
    return static_cast<double>((difference < 0 ? -difference : difference) / static_cast<wide_real>(spacing));
}

// fast_training.hpp's bounds: 2 + 2^-p ulp with a fused multiply-add,
// 3 + 2^-p+2 without, for normal dx.
template <class T>
double fast_backward_bound()
{
    constexpr double p_ulp = std::is_same_v<T, float> ? 0x1p-24 : 0x1p-53;
    return squash::detail::has_fused_fma<xsimd::default_arch> ? 2 + p_ulp : 3 + 4 * p_ulp;
}

// (dy, y) pairs: y anywhere in [0, 1] (both signs for the bipolar one), next
// to 0, 1/2 and 1, powers of two; dy of every magnitude and sign.
template <class T>
void backward_inputs(bool bipolar, std::size_t n, std::uint64_t seed, std::vector<T>& dy, std::vector<T>& y)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0, 1);
    constexpr int digits = std::numeric_limits<T>::digits;
    constexpr int span = std::is_same_v<T, float> ? 120 : 1000;
    dy.resize(n);
    y.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        double const u = unit(rng);
        int const k = static_cast<int>(rng() % static_cast<std::uint64_t>(digits + 8));
        double v = u;
        switch (i % 5) {
        case 1: v = std::ldexp(u, -static_cast<int>(rng() % 160)); break;
        case 2: v = 1 - std::ldexp(u, -k); break;
        case 3: v = 0.5 + std::ldexp(u - 0.5, -k); break;
        case 4: v = std::ldexp(1.0, -static_cast<int>(rng() % 30)); break;
        default: break;
        }
        y[i] = static_cast<T>(bipolar && (rng() & 1) ? -v : v);
        int const e = (rng() & 1) ? 0 : static_cast<int>(rng() % (2 * span)) - span;
        dy[i] = static_cast<T>(std::ldexp((1 + unit(rng)) * ((rng() & 1) ? 1 : -1), e));
    }
}

template <class T, class F>
void check_fast_backward_bound(F const& f, bool bipolar, char const* region, std::vector<T> const& dy,
                               std::vector<T> const& y)
{
    std::vector<T> dx(dy.size());
    f(dy, y, dx);
    double worst = 0;
    std::string where = "-";
    for (std::size_t i = 0; i < dy.size(); ++i) {
        wide_real const exact = exact_backward(bipolar, dy[i], y[i]);
        if (static_cast<long double>(exact < 0 ? -exact : exact) < std::numeric_limits<T>::min())
            continue;  // no bound below the normal range
        double const e = ulps_off(dx[i], exact);
        if (!(e <= worst)) {
            worst = e;
            where = "dy = " + show(dy[i]) + ", y = " + show(y[i]) + " gave " + show(dx[i]);
        }
    }
    std::printf("max-ulp %-30s %-6s %-26s %.6f ulp\n", f.name, type_name<T>(), region, worst);
    INFO(f.name << "<" << type_name<T>() << "> over " << region << ": " << worst << " ulp at " << where
                << "; bound " << fast_backward_bound<T>());
    CHECK(worst <= fast_backward_bound<T>());
}

}  // namespace

TEMPLATE_TEST_CASE("fast backward: within its bound of the exact dy·y(1 - y) and dy·(1 - y²)/2 where dx is normal",
                   "[fast][training][backward][ulp]", float, double)
{
    using T = TestType;
    auto run = [](auto const& f, bool bipolar) {
        std::vector<T> dy, y;
        backward_inputs<T>(bipolar, sweep_points(2'000'000), bipolar ? 7 : 5, dy, y);
        check_fast_backward_bound(f, bipolar, "random pairs", dy, y);
        for (T center : {T(0.5), T(1), T(1e-3), T(0.25), std::numeric_limits<T>::min()}) {
            auto yy = consecutive_around(center, std::size_t(1) << 16);
            yy.erase(std::remove_if(yy.begin(), yy.end(), [](T v) { return !(std::fabs(v) <= 1); }), yy.end());
            if (bipolar)
                for (std::size_t i = 0; i < yy.size(); i += 2)
                    yy[i] = -yy[i];
            std::vector<T> ones(yy.size(), T(1)), ddy, unused;
            backward_inputs<T>(bipolar, yy.size(), 9, ddy, unused);
            check_fast_backward_bound(f, bipolar, ("y near " + show(center) + ", dy = 1").c_str(), ones, yy);
            check_fast_backward_bound(f, bipolar, ("y near " + show(center) + ", random dy").c_str(), ddy, yy);
        }
    };
    run(squash::fast::sigmoid_backward, false);
    run(squash::fast::bipolar_sigmoid_backward, true);
}

TEMPLATE_TEST_CASE("fast backward: exact cases, infinities, NaN rules of the exact tier", "[fast][training][backward]",
                   float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    T const inf = lim::infinity();
    for (T dy : {T(1), T(-3), T(0.1), lim::max(), lim::min()}) {
        CAPTURE(dy);
        CHECK(squash::fast::sigmoid_backward(dy, T(0.5)) == dy / 4);
        CHECK(squash::fast::sigmoid_backward(dy, T(0)) == 0);
        CHECK(squash::fast::sigmoid_backward(dy, T(1)) == 0);
        CHECK(squash::fast::bipolar_sigmoid_backward(dy, T(0)) == dy / 2);
        CHECK(squash::fast::bipolar_sigmoid_backward(dy, T(1)) == 0);
        CHECK(squash::fast::bipolar_sigmoid_backward(dy, T(-1)) == 0);
    }
    CHECK(squash::fast::sigmoid_backward(inf, T(0.25)) == inf);
    CHECK(std::isnan(squash::fast::sigmoid_backward(inf, T(1))));
    CHECK(squash::fast::bipolar_sigmoid_backward(-inf, T(0.5)) == -inf);
    auto const quiet_bit = ordinal_t<T>(1) << (lim::digits - 2);
    auto quieted = [&](T x) {
        return reinterpret_bits<T>(static_cast<ordinal_t<T>>(reinterpret_bits<ordinal_t<T>>(x) | quiet_bit));
    };
    T const nan_a =
        reinterpret_bits<T>(static_cast<ordinal_t<T>>(std::is_same_v<T, float> ? 0x7fa12345 : 0x7ff4123456789abc));
    T const nan_b =
        reinterpret_bits<T>(static_cast<ordinal_t<T>>(std::is_same_v<T, float> ? 0xffc54321u : 0xfff8cba987654321u));
    for (auto f : {+[](T a, T b) { return squash::fast::sigmoid_backward(a, b); },
                   +[](T a, T b) { return squash::fast::bipolar_sigmoid_backward(a, b); }}) {
        CHECK(same_bits(f(nan_a, T(0.3)), quieted(nan_a)));
        CHECK(same_bits(f(T(2), nan_b), quieted(nan_b)));
        CHECK(same_bits(f(nan_b, nan_a), quieted(nan_b)));
        CHECK(same_bits(f(T(-2), nan_a), quieted(nan_a)));
    }
}

TEMPLATE_TEST_CASE("fast backward: every call form and position gives the same bits; in place; errors",
                   "[fast][training][backward][forms]", float, double)
{
    using T = TestType;
    using batch = xsimd::batch<T>;
    constexpr std::size_t width = batch::size;
    auto check_forms = [](auto const& f) {
        INFO("function " << f.name);
        std::size_t failures = 0;
        for (std::size_t n = 0; n <= 3 * 4 * width + 1; ++n) {
            auto dy = random_bit_patterns<T>(n, 100 + n);
            auto y = random_bit_patterns<T>(n, 200 + n);
            for (std::size_t i = 0; i < n; i += 2)  // half of them ordinary
                dy[i] = T(std::ldexp(1.0, int(i % 7)) - 3), y[i] = T(i % 5) / 4;
            std::vector<T> expected(n), by_range(n), in_dy = dy, in_y = y;
            for (std::size_t i = 0; i < n; ++i)
                expected[i] = f(dy[i], y[i]);
            f(dy, y, by_range);
            f(in_dy.data(), y.data(), in_dy.data(), n);
            f(xsimd::default_arch{}, dy.data(), in_y.data(), in_y.data(), n);
            for (std::size_t i = 0; i < n; ++i)
                if (!(same_bits(by_range[i], expected[i]) && same_bits(in_dy[i], expected[i]) &&
                      same_bits(in_y[i], expected[i])) &&
                    failures++ == 0)
                    UNSCOPED_INFO("length " << n << ", element " << i << ": dy = " << show(dy[i]) << ", y = "
                                            << show(y[i]) << ": scalar " << show(expected[i]) << ", range "
                                            << show(by_range[i]));
            for (std::size_t i = 0; i + width <= n; i += width) {
                alignas(64) T lanes[width];
                f(batch::load_unaligned(dy.data() + i), batch::load_unaligned(y.data() + i)).store_aligned(lanes);
                for (std::size_t j = 0; j < width; ++j)
                    failures += !same_bits(lanes[j], expected[i + j]);
            }
        }
        CHECK(failures == 0);
        // Errors, before anything is written.
        std::vector<T> a(8, T(1)), b(9, T(0.5)), out(8, T(7));
        CHECK_THROWS_AS(f(a, b, out), std::invalid_argument);
        CHECK_THROWS_AS(f(a.data(), b.data(), a.data() + 1, 7), std::invalid_argument);
        CHECK(out == std::vector<T>(8, T(7)));
    };
    check_forms(squash::fast::sigmoid_backward);
    check_forms(squash::fast::bipolar_sigmoid_backward);
}

TEMPLATE_TEST_CASE("fast::sigmoid_with_grad: g is fast::sigmoid_grad, y is fast::sigmoid (z <= 0) or within 2.5 ulp",
                   "[fast][training][with_grad]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    constexpr T wide = std::is_same_v<T, float> ? T(110) : T(760);
    auto z = ordinal_grid<T>(-lim::max(), lim::max(), 1'000'001);
    for (auto const& part : {linear_grid<T>(-wide, wide, 1'000'001), random_bit_patterns<T>(sweep_points(1 << 20), 3),
                             consecutive_around(T(0), std::size_t(1) << 16)})
        z.insert(z.end(), part.begin(), part.end());
    for (T v : {T(0), T(-0.0), lim::infinity(), -lim::infinity(), lim::quiet_NaN(), -lim::quiet_NaN()})
        z.push_back(v);
    std::vector<T> y(z.size()), g(z.size()), s(z.size()), d(z.size());
    squash::fast::sigmoid_with_grad(z, y, g);
    squash::fast::sigmoid(z, s);
    squash::fast::sigmoid_grad(z, d);
    std::size_t grad_differs = 0, value_differs = 0, over_bound = 0, scalar_differs = 0;
    double worst = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        grad_differs += !same_bits(g[i], d[i]);
        if (std::isnan(z[i]) || !(z[i] > 0)) {
            value_differs += !same_bits(y[i], s[i]);
        } else {
            double const e = static_cast<double>(ulp_error<T>(y[i], sigmoid_ref(z[i])));
            worst = std::max(worst, e);
            over_bound += !(e <= 2.5 + static_cast<double>(reference_margin_ulp<T>));
        }
        auto const r = squash::fast::sigmoid_with_grad(z[i]);
        scalar_differs += !same_bits(r.value, y[i]) || !same_bits(r.grad, g[i]);
    }
    std::printf("max-ulp fast::sigmoid_with_grad value, z > 0, %s: %.6f ulp\n", type_name<T>(), worst);
    CHECK(grad_differs == 0);
    CHECK(value_differs == 0);
    CHECK(over_bound == 0);
    CHECK(scalar_differs == 0);
    auto const values = [](std::vector<T> const& in, std::vector<T>& out) {
        std::vector<T> unused(in.size());
        squash::fast::sigmoid_with_grad(in, out, unused);
    };
    for (T center : {T(0), T(1e-3), T(1), T(17), T(-87.3)})
        check_monotonic("fast::sigmoid_with_grad", values, consecutive_around(center, monotonic_window),
                        direction::non_decreasing, "the window around " + show(center));
    check_monotonic("fast::sigmoid_with_grad", values, linear_grid<T>(-wide, wide, 1'000'001),
                    direction::non_decreasing, "a linear grid");
}
