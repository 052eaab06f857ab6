// tests/dispatch/odr/std_adaptors.cpp: the function objects handed to the
// standard library, as the README suggests (std::transform, std::function),
// compiled with two -march flags. The instantiations this makes
// (std::_Function_handler<float(float), squash::sigmoid_fn>, ...) are named
// after the function object's type, so they are ODR-safe only if that type
// itself is named per instruction set (SQUASH_ISA_NAMESPACE around the
// function objects in sigmoid.hpp, sigmoid_grad.hpp, bipolar_sigmoid.hpp).
#include <squash/squash.hpp>

#include <algorithm>
#include <functional>
#include <vector>

#define ODR_PASTE_(a, b) a##b
#define ODR_PASTE(a, b) ODR_PASTE_(a, b)

float ODR_PASTE(std_adaptors_, ODR_SIDE)(std::vector<float>& v, double x)
{
    std::transform(v.begin(), v.end(), v.begin(), squash::sigmoid);
    std::function<float(float)> const sigmoid = squash::sigmoid;
    std::function<double(double)> const grad = squash::sigmoid_grad;
    std::function<double(double)> const bipolar = squash::bipolar_sigmoid;
    return sigmoid(v.empty() ? 0.0f : v[0]) + static_cast<float>(grad(x) + bipolar(x));
}
