#include "specials.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace sweep {

namespace {

template <class T>
using bits_of = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

template <class T>
bool same_bits(T a, T b)
{
    return std::bit_cast<bits_of<T>>(a) == std::bit_cast<bits_of<T>>(b);
}

template <class T>
struct special_input {
    char const* name;
    T z;
    T sigmoid, grad, bipolar;  // the correctly rounded results
    T softplus, log_sigmoid, silu, silu_grad;

    T expected(fn f) const
    {
        switch (f) {
        case fn::sigmoid: return sigmoid;
        case fn::sigmoid_grad: return grad;
        case fn::bipolar_sigmoid: return bipolar;
        case fn::softplus: return softplus;
        case fn::log_sigmoid: return log_sigmoid;
        case fn::silu: return silu;
        case fn::silu_grad: return silu_grad;
        }
        return std::numeric_limits<T>::quiet_NaN();
    }
};

// At the least subnormal d: sigma(+-d) = 0.5 +- d/4 and sigma'(d) = 0.25 -
// d^2/16 round to 0.5 and 0.25; sigma2(d) = tanh(d/2) lies just below d/2,
// the midpoint between 0 and d, so it rounds to 0 (with z's sign: sigma2 is
// odd). At the largest finite z, e^-z is far below an ulp of 1.
// The training functions: softplus(+-d) = ln 2 +- d/2 rounds to ln 2 (and
// log_sigmoid = -softplus(-z) to -ln 2); silu(+-d) = +-d/2 + d^2/4 lies
// next to the midpoint +-d/2, and silu, faithful (not correctly rounded),
// gives +-0 for both (its product z·σ(z) rounds d·1/2 to even): pinned here
// so that a change is seen, although d would be as right for +d;
// silu'(+-d) = 1/2 +- d/2 rounds to 1/2. At +-max: softplus(max) = max +
// e^-max, log_sigmoid(max) = -e^-max (-0), silu(-max) = -max e^-max (-0),
// silu'(max) = 1 + max e^-max (1), silu'(-max) below 0 by far less than the
// least subnormal (-0). The limits at +-inf are the same values.
template <class T>
std::vector<special_input<T>> special_inputs()
{
    using limits = std::numeric_limits<T>;
    T inf = limits::infinity(), max = limits::max(), d = limits::denorm_min();
    T const ln2 = T(0.693147180559945309417L);
    return {
        {"+0", T(0), T(0.5), T(0.25), T(0), ln2, -ln2, T(0), T(0.5)},
        {"-0", -T(0), T(0.5), T(0.25), -T(0), ln2, -ln2, -T(0), T(0.5)},
        {"+inf", inf, T(1), T(0), T(1), inf, -T(0), inf, T(1)},
        {"-inf", -inf, T(0), T(0), T(-1), T(0), -inf, -T(0), -T(0)},
        {"+max", max, T(1), T(0), T(1), max, -T(0), max, T(1)},
        {"-max", -max, T(0), T(0), T(-1), T(0), -max, -T(0), -T(0)},
        {"+least subnormal", d, T(0.5), T(0.25), T(0), ln2, -ln2, T(0), T(0.5)},
        {"-least subnormal", -d, T(0.5), T(0.25), -T(0), ln2, -ln2, -T(0), T(0.5)},
    };
}

// Quiet and signalling NaNs, payloads at both ends, both signs.
template <class T>
std::vector<bits_of<T>> nan_patterns()
{
    if constexpr (sizeof(T) == 4)
        return {0x7fc00000u, 0x7fc00001u, 0x7f800001u, 0x7fbfffffu, 0xffc00000u, 0xffffffffu};
    else
        return {0x7ff8000000000000u, 0x7ff8000000000001u, 0x7ff0000000000001u, 0x7ff7ffffffffffffu,
                0xfff8000000000000u, 0xffffffffffffffffu};
}

char const* hex_name(std::uint64_t bits, char* buffer, std::size_t size, int digits)
{
    std::snprintf(buffer, size, "NaN 0x%0*llx", digits, static_cast<unsigned long long>(bits));
    return buffer;
}

}  // namespace

template <class T>
std::vector<special_row> run_specials(implementation impl)
{
    std::vector<special_input<T>> inputs = special_inputs<T>();
    std::vector<std::string> names;
    for (auto const& in : inputs)
        names.push_back(in.name);
    for (auto bits : nan_patterns<T>()) {
        char buffer[40];
        T nan = std::bit_cast<T>(bits);
        inputs.push_back({"", nan, nan, nan, nan, nan, nan, nan, nan});
        names.push_back(hex_name(bits, buffer, sizeof buffer, int(2 * sizeof(T))));
    }
    std::vector<T> z;
    for (auto const& in : inputs)
        z.push_back(in.z);
    std::vector<special_row> rows;
    for (std::size_t k = 0; k < function_count; ++k) {
        fn const f = math_of(k);
        std::vector<T> out(z.size());
        evaluate(impl, k, std::span<T const>(z), std::span<T>(out));
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            T expected = inputs[i].expected(f);
            T scalar = evaluate_scalar(impl, k, z[i]);
            bool ok = std::isnan(expected) ? std::isnan(out[i]) && std::isnan(scalar)
                                           : same_bits(out[i], expected) && same_bits(scalar, expected);
            rows.push_back({k, names[i], double(z[i]), double(expected), double(out[i]), double(scalar), ok});
        }
    }
    return rows;
}

template std::vector<special_row> run_specials<float>(implementation);
template std::vector<special_row> run_specials<double>(implementation);

}  // namespace sweep
