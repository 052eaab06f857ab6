// The library compiled with -O3 -ffast-math (and linked with it, so the
// process runs with subnormals flushed to zero) must keep its accuracy on
// finite inputs whose results are normal: the bounds of
// tests/function_table.hpp for every exact-tier function, read
// through reference.cpp. Reassociation could undo the compensated arithmetic
// (Fast2Sum's (s − a), the Veltkamp split of the SSE2 path); detail::opaque
// is what stops it, and this test is what shows it does.
// Subnormal results are out of scope: the flushed subnormals change the
// answers. NaN and infinite inputs, which -ffast-math code is not supposed to
// pass, still get their usual results: the last test case.
#include <squash/squash.hpp>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "catch.hpp"
#include "reference.hpp"

namespace {

template <class T>
struct domain;
// |z| up to where σ(−|z|) and σ'(z) are still normal (and with them
// softplus(−|z|) ≈ e^−|z|, log σ(−|z|) and silu(−|z|) ≈ −|z|e^−|z|);
// σ₂(z) ≈ z/2 and silu(z) ≈ z/2 stay normal down to |z| = 2^-100.
template <>
struct domain<float> {
    using bits = std::uint32_t;
    static constexpr float smallest = 0x1p-100f, largest = 87.0f;
    static constexpr bits stride = 509;  // ~2M samples
};
template <>
struct domain<double> {
    using bits = std::uint64_t;
    static constexpr double smallest = 0x1p-1000, largest = 708.0;
    static constexpr bits stride = bits(1) << 42;  // ~1M samples
};

template <class T>
T from_bits(typename domain<T>::bits b)
{
    T x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}

// Every stride-th bit pattern between the domain's ends (log-uniform), both
// signs, zero, and a fine uniform grid on [−20, 20] where the curves bend.
template <class T>
std::vector<T> sweep()
{
    using D = domain<T>;
    typename D::bits lo, hi;
    std::memcpy(&lo, &D::smallest, sizeof lo);
    std::memcpy(&hi, &D::largest, sizeof hi);
    std::vector<T> z{T(0)};
    for (auto b = lo; b <= hi; b += D::stride) {
        z.push_back(from_bits<T>(b));
        z.push_back(-from_bits<T>(b));
    }
    for (int i = -20 * 4096; i <= 20 * 4096; ++i)
        z.push_back(T(i) / 4096);
    return z;
}

#ifdef __FAST_MATH__
char const* const compiled_with = "-ffast-math";
#else
char const* const compiled_with = "IEEE";
#endif

struct worst_case {
    double ulps = 0;
    double z = 0;
    double got = 0;
    long double exact = 0;
};

template <class T, class F>
worst_case measure(F const& f, long double (*exact_of)(long double), std::vector<T> const& z,
                   std::size_t& form_mismatches)
{
    std::vector<T> out(z.size());
    f(z, out);
    worst_case worst;
    for (std::size_t i = 0; i < z.size(); ++i) {
        T const scalar = f(z[i]);
        T const from_range = out[i];
        if (std::memcmp(&scalar, &from_range, sizeof scalar) != 0)
            ++form_mismatches;
        long double const exact = exact_of(z[i]);
        double const ulps = reference::ulp_error(exact, out[i]);
        if (!(ulps <= worst.ulps))  // also takes a NaN error
            worst = {ulps, double(z[i]), double(out[i]), exact};
    }
    return worst;
}

}  // namespace

TEMPLATE_TEST_CASE("under -ffast-math, finite inputs stay within the ULP bounds", "[fastmath]", float, double)
{
    using T = TestType;
    auto const z = sweep<T>();
    struct named {
        char const* name;
        long double (*exact)(long double);
    };
    constexpr int count = 7;
    named const references[count] = {{"sigmoid", reference::sigmoid},
                                     {"sigmoid_grad", reference::sigmoid_grad},
                                     {"bipolar_sigmoid", reference::bipolar_sigmoid},
                                     {"softplus", reference::softplus},
                                     {"log_sigmoid", reference::log_sigmoid},
                                     {"silu", reference::silu},
                                     {"silu_grad", reference::silu_grad}};
    worst_case worst[count];
    std::size_t form_mismatches[count] = {};
    worst[0] = measure<T>(squash::sigmoid, references[0].exact, z, form_mismatches[0]);
    worst[1] = measure<T>(squash::sigmoid_grad, references[1].exact, z, form_mismatches[1]);
    worst[2] = measure<T>(squash::bipolar_sigmoid, references[2].exact, z, form_mismatches[2]);
    worst[3] = measure<T>(squash::softplus, references[3].exact, z, form_mismatches[3]);
    worst[4] = measure<T>(squash::log_sigmoid, references[4].exact, z, form_mismatches[4]);
    worst[5] = measure<T>(squash::silu, references[5].exact, z, form_mismatches[5]);
    worst[6] = measure<T>(squash::silu_grad, references[6].exact, z, form_mismatches[6]);
    // Every exact-tier function of tests/function_table.hpp is measured here.
    CHECK(reference::table_exact_functions() == count);

    for (int i = 0; i < count; ++i) {
        auto const& w = worst[i];
        double bound = 0;
        bool strict = false;
        REQUIRE(reference::table_bound(references[i].name, sizeof(T) == 4, bound, strict));
        char line[256];
        std::snprintf(line, sizeof line,
                      "%s %s %-15s max %.4f ulp (bound %s %g) at z = %a: got %a, exact %.21Lg; %zu of %zu "
                      "inputs differ between scalar and range form",
                      compiled_with, sizeof(T) == 4 ? "float " : "double", references[i].name, w.ulps,
                      strict ? "<" : "<=", bound, w.z, w.got, w.exact,
                      form_mismatches[i], z.size());
        std::printf("%s\n", line);
        INFO(line);
        if (strict)
            CHECK(w.ulps < bound);
        else
            CHECK(w.ulps <= bound);
        CHECK(form_mismatches[i] == 0);
    }
}

// -ffinite-math-only lets the compiler assume there are no NaN or infinite
// values, and fold a floating-point z != z to false: the library's NaN test
// and quieting work on the bits, and infinities are clamped before any
// arithmetic, so both keep their documented results here too, bit for bit
// alike in the scalar and the range form.
TEMPLATE_TEST_CASE("under -ffast-math, NaN gives NaN and infinities saturate", "[fastmath]", float, double)
{
    using T = TestType;
    using bits = typename domain<T>::bits;
    constexpr int digits = std::numeric_limits<T>::digits;
    bits const exponent = std::bit_cast<bits>(std::numeric_limits<T>::infinity());
    bits const sign = bits(1) << (sizeof(T) * 8 - 1);
    bits const quiet = bits(1) << (digits - 2);
    // Quiet and signaling NaNs, both signs, smallest and largest payloads.
    std::vector<bits> const nan_bits{exponent | quiet,        exponent | quiet | 1, exponent | 1,
                                     exponent | (quiet - 1),  sign | exponent | quiet, sign | exponent | (quiet - 1),
                                     ~bits(0)};
    std::vector<T> z;
    for (bits b : nan_bits)
        z.push_back(std::bit_cast<T>(b));
    z.push_back(std::numeric_limits<T>::infinity());
    z.push_back(-std::numeric_limits<T>::infinity());
    z.resize(3 * 16 + 1, T(0.5));  // past every batch width, with a tail

    auto check = [&](char const* name, auto const& f, T at_plus_inf, T at_minus_inf) {
        std::vector<T> out(z.size());
        f(z, out);
        for (std::size_t i = 0; i < nan_bits.size(); ++i) {
            T const scalar = f(z[i]);
            bits const want = nan_bits[i] | quiet;  // quieted, sign and payload kept
            INFO(name << " of NaN 0x" << std::hex << static_cast<unsigned long long>(nan_bits[i]) << ": range 0x"
                      << static_cast<unsigned long long>(std::bit_cast<bits>(out[i])) << ", scalar 0x"
                      << static_cast<unsigned long long>(std::bit_cast<bits>(scalar)));
            CHECK(std::bit_cast<bits>(out[i]) == want);
            CHECK(std::bit_cast<bits>(scalar) == want);
        }
        std::size_t const inf = nan_bits.size();
        INFO(name << " of +inf, -inf");
        CHECK(out[inf] == at_plus_inf);
        CHECK(out[inf + 1] == at_minus_inf);
        CHECK(f(z[inf]) == at_plus_inf);
        CHECK(f(z[inf + 1]) == at_minus_inf);
    };
    check("sigmoid", squash::sigmoid, T(1), T(0));
    check("sigmoid_grad", squash::sigmoid_grad, T(0), T(0));
    check("bipolar_sigmoid", squash::bipolar_sigmoid, T(1), T(-1));
}
