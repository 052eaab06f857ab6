// The six-point tables of the blog post this library started from (a
// tutorial built around a loan-default classifier; README.md, "Why
// tanh(z/2)"): σ, e^-z, σ' and σ₂ at z ∈ {−5, −2, 0, 0.5, 2, 5}, to the four
// decimals printed there, for float and double, in every call form.
#include <squash/squash.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "catch.hpp"

namespace {

struct blog_row {
    double z, exp_neg_z, sigma, grad, bipolar;
    int exp_neg_z_decimals;  // e^-z is printed with 2 to 4 decimals
};

// Copied from the blog's tables.
constexpr std::array<blog_row, 6> blog_table{{
    {-5.0, 148.41, 0.0067, 0.0066, -0.9866, 2},
    {-2.0, 7.389, 0.1192, 0.1050, -0.7616, 3},
    {0.0, 1.000, 0.5000, 0.2500, 0.0000, 3},
    {0.5, 0.607, 0.6225, 0.2350, 0.2449, 3},
    {2.0, 0.135, 0.8808, 0.1050, 0.7616, 3},
    {5.0, 0.0067, 0.9933, 0.0066, 0.9866, 4},
}};

// "Printed to four decimals": |x − printed| <= 0.5e-4 (plus a hair for the
// binary representation of the printed value).
bool matches_four_decimals(double x, double printed) { return std::fabs(x - printed) <= 0.5e-4 + 1e-12; }

template <class T, class F>
std::vector<T> each_call_form(F f, std::vector<T> const& z)
{
    // scalar, batch, range out-of-place, range in place: all must agree
    std::vector<T> scalar, batch_lane, out(z.size()), inplace = z;
    for (T v : z) {
        scalar.push_back(f(v));
        batch_lane.push_back(f(xsimd::batch<T>(v)).get(0));
    }
    f(z, out);
    f(inplace);
    for (std::size_t i = 0; i < z.size(); ++i) {
        REQUIRE(scalar[i] == batch_lane[i]);
        REQUIRE(scalar[i] == out[i]);
        REQUIRE(scalar[i] == inplace[i]);
    }
    return scalar;
}

}  // namespace

TEMPLATE_TEST_CASE("blog tables: σ, σ', σ₂ to the printed four decimals", "[blog]", float, double)
{
    std::vector<TestType> z;
    for (auto const& row : blog_table)
        z.push_back(static_cast<TestType>(row.z));

    auto sigma = each_call_form<TestType>(squash::sigmoid, z);
    auto grad = each_call_form<TestType>(squash::sigmoid_grad, z);
    auto bipolar = each_call_form<TestType>(squash::bipolar_sigmoid, z);

    for (std::size_t i = 0; i < blog_table.size(); ++i) {
        auto const& row = blog_table[i];
        CAPTURE(row.z);
        CHECK(matches_four_decimals(sigma[i], row.sigma));
        CHECK(matches_four_decimals(grad[i], row.grad));
        CHECK(matches_four_decimals(bipolar[i], row.bipolar));
        // The blog's identity σ' = σ(1 − σ), to the table's precision.
        CHECK(matches_four_decimals(sigma[i] * (1 - sigma[i]), row.grad));
    }
}

TEST_CASE("blog tables: e^-z column, recovered from σ as 1/σ − 1", "[blog]")
{
    for (auto const& row : blog_table) {
        CAPTURE(row.z);
        double e = 1.0 / squash::sigmoid(row.z) - 1.0;
        CHECK(std::fabs(e - row.exp_neg_z) <= 0.5 * std::pow(10.0, -row.exp_neg_z_decimals) + 1e-12);
    }
}

TEST_CASE("blog's bipolar sigmoid: squash computes tanh(z/2), which the table shows, not tanh(z)", "[blog]")
{
    for (auto const& row : blog_table) {
        CAPTURE(row.z);
        double const got = squash::bipolar_sigmoid(row.z);
        // tanh(z/2) to within eps·|σ₂(z)|, 1 to 2 ulps of the double result
        // (the bound is 1 ulp; long double tanh is a few 2^-64 off).
        long double const half_tanh = std::tanh(static_cast<long double>(row.z) / 2);
        long double const ulp = std::numeric_limits<double>::epsilon() * std::fmax(std::fabs(got), 0x1p-1022);
        CHECK(std::fabs(got - half_tanh) <= ulp);
        CHECK(matches_four_decimals(got, row.bipolar));
        // The blog's text says tanh(z); its own table disagrees, and so does squash.
        if (row.z != 0) {
            CHECK_FALSE(matches_four_decimals(std::tanh(row.z), row.bipolar));
            CHECK_FALSE(matches_four_decimals(got, std::tanh(row.z)));
        }
    }
}
