// squash benchmarks: the functions a row can compute, each with its shape
// (registry.hpp) and a long double reference that the driver checks every
// implementation against before timing it.
//
// The table lists functions squash does not have yet (issue 13): a
// function is timed only when squash has a row for it (registry.hpp,
// is_own), so naming it here costs nothing until then, and adding squash's
// row is then the one line that brings its peers along.
#ifndef SQUASH_BENCH_FUNCTIONS_HPP
#define SQUASH_BENCH_FUNCTIONS_HPP

#include <cmath>
#include <cstring>

namespace squash_bench {

enum class shape { unary, backward, two_outputs };

struct function_info {
    char const* name;
    shape form;
    // unary and two_outputs: the (first) output for z = a (b unused);
    // backward: dx for dy = a and y = b.
    long double (*reference)(long double a, long double b);
    // two_outputs: the second output for z. backward: the forward function
    // whose output y the backward form takes, y = forward(z).
    long double (*companion)(long double z);
    // false: timed on the first input set only (memcpy does not care what
    // the bytes are).
    bool every_input_set;
    // false: timed only at the input sets' reduced sizes (inputs.hpp), to
    // keep bench/compare's run time reasonable as functions are added.
    bool every_size;
};

namespace reference {

// σ(z) and σ(−z) = 1 − σ(z) from e^−|z|, so neither side cancels.
inline long double sigmoid(long double z)
{
    long double const e = std::exp(-std::fabs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}
inline long double sigmoid_grad(long double z)
{
    long double const e = std::exp(-std::fabs(z));
    return e / ((1 + e) * (1 + e));
}
inline long double bipolar_sigmoid(long double z) { return std::tanh(z / 2); }
// log σ(z) = −softplus(−z) = min(z, 0) − log1p(e^−|z|)
inline long double log_sigmoid(long double z) { return std::fmin(z, 0.0L) - std::log1p(std::exp(-std::fabs(z))); }
inline long double softplus(long double z) { return std::fmax(z, 0.0L) + std::log1p(std::exp(-std::fabs(z))); }
// z·σ(z) tends to 0 at −inf, where the product itself would be −inf·0.
inline long double silu(long double z) { return std::isinf(z) && z < 0 ? 0.0L : z * sigmoid(z); }
// σ(z)(1 + z σ(−z)), with the same limit 0 at −inf.
inline long double silu_grad(long double z)
{
    return std::isinf(z) && z < 0 ? 0.0L : sigmoid(z) * (1 + z * sigmoid(-z));
}

}  // namespace reference

inline long double unary_ref_sigmoid(long double z, long double) { return reference::sigmoid(z); }
inline long double unary_ref_sigmoid_grad(long double z, long double) { return reference::sigmoid_grad(z); }
inline long double unary_ref_bipolar(long double z, long double) { return reference::bipolar_sigmoid(z); }
inline long double unary_ref_log_sigmoid(long double z, long double) { return reference::log_sigmoid(z); }
inline long double unary_ref_softplus(long double z, long double) { return reference::softplus(z); }
inline long double unary_ref_silu(long double z, long double) { return reference::silu(z); }
inline long double unary_ref_silu_grad(long double z, long double) { return reference::silu_grad(z); }
inline long double unary_ref_copy(long double z, long double) { return z; }
inline long double backward_ref_sigmoid(long double dy, long double y) { return dy * y * (1 - y); }
inline long double backward_ref_bipolar(long double dy, long double y) { return dy * (1 - y * y) / 2; }

// The order of this table is the order of the report's tables.
inline constexpr function_info functions[] = {
    {"sigmoid", shape::unary, unary_ref_sigmoid, nullptr, true, true},
    {"sigmoid_grad", shape::unary, unary_ref_sigmoid_grad, nullptr, true, true},
    {"bipolar_sigmoid", shape::unary, unary_ref_bipolar, nullptr, true, true},
    // issue 13
    {"sigmoid_backward", shape::backward, backward_ref_sigmoid, reference::sigmoid, true, false},
    {"bipolar_sigmoid_backward", shape::backward, backward_ref_bipolar, reference::bipolar_sigmoid, true, false},
    {"sigmoid_with_grad", shape::two_outputs, unary_ref_sigmoid, reference::sigmoid_grad, true, false},
    {"log_sigmoid", shape::unary, unary_ref_log_sigmoid, nullptr, true, false},
    {"softplus", shape::unary, unary_ref_softplus, nullptr, true, false},
    {"silu", shape::unary, unary_ref_silu, nullptr, true, false},
    {"silu_grad", shape::unary, unary_ref_silu_grad, nullptr, true, false},
    // the bandwidth reference
    {"copy", shape::unary, unary_ref_copy, nullptr, false, true},
};

inline function_info const* find_function(char const* name)
{
    for (auto const& f : functions)
        if (std::strcmp(f.name, name) == 0)
            return &f;
    return nullptr;
}

}  // namespace squash_bench

#endif
