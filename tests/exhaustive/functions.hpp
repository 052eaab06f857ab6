// The three functions under test, and the two implementations the sweep can
// measure: squash's range form, or the textbook float formulas (for the
// README's side-by-side comparison).
#ifndef SQUASH_SWEEP_FUNCTIONS_HPP
#define SQUASH_SWEEP_FUNCTIONS_HPP

#include <array>
#include <cmath>
#include <span>

namespace sweep {

enum class fn { sigmoid, sigmoid_grad, bipolar_sigmoid };
inline constexpr std::array<fn, 3> all_functions{fn::sigmoid, fn::sigmoid_grad, fn::bipolar_sigmoid};
inline constexpr std::size_t function_count = all_functions.size();

constexpr char const* function_name(fn f)
{
    switch (f) {
    case fn::sigmoid: return "sigmoid";
    case fn::sigmoid_grad: return "sigmoid_grad";
    case fn::bipolar_sigmoid: return "bipolar_sigmoid";
    }
    return "?";
}

enum class implementation { squash, textbook };

constexpr char const* implementation_name(implementation impl)
{
    return impl == implementation::squash ? "squash" : "textbook";
}

// out[i] = f(in[i]). squash: the library's out-of-place range form, the
// call a user makes on a buffer. textbook: 1/(1+exp(-z)), s(1-s), 2s-1 in T.
void evaluate(implementation impl, fn f, std::span<float const> in, std::span<float> out);
void evaluate(implementation impl, fn f, std::span<double const> in, std::span<double> out);

// The scalar call form f(z) (for squash; the textbook formula otherwise).
float evaluate_scalar(implementation impl, fn f, float z);
double evaluate_scalar(implementation impl, fn f, double z);

}  // namespace sweep

#endif
