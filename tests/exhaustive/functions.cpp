#include "functions.hpp"

namespace sweep {

namespace {

template <class T>
T textbook_sigmoid(T z)
{
    return T(1) / (T(1) + std::exp(-z));
}

template <class T>
void evaluate_textbook(fn f, std::span<T const> in, std::span<T> out)
{
    for (std::size_t i = 0; i < in.size(); ++i) {
        T s = textbook_sigmoid(in[i]);
        switch (f) {
        case fn::sigmoid: out[i] = s; break;
        case fn::sigmoid_grad: out[i] = s * (T(1) - s); break;
        case fn::bipolar_sigmoid: out[i] = T(2) * s - T(1); break;
        case fn::softplus: out[i] = std::log(T(1) + std::exp(in[i])); break;
        case fn::log_sigmoid: out[i] = std::log(s); break;
        case fn::silu: out[i] = in[i] * s; break;
        case fn::silu_grad: out[i] = s * (T(1) + in[i] * (T(1) - s)); break;
        }
    }
}

template <class T>
void evaluate_any(implementation impl, std::size_t k, std::span<T const> in, std::span<T> out)
{
    if (impl == implementation::textbook)
        return evaluate_textbook(math_of(k), in, out);
    squash_test::forms<T>(entry(k)).range(in.data(), out.data(), in.size());
}

template <class T>
T evaluate_scalar_any(implementation impl, std::size_t k, T z)
{
    if (impl == implementation::textbook) {
        T out{};
        evaluate_textbook<T>(math_of(k), std::span<T const>(&z, 1), std::span<T>(&out, 1));
        return out;
    }
    return squash_test::forms<T>(entry(k)).scalar(z);
}

}  // namespace

float evaluate_scalar(implementation impl, std::size_t k, float z) { return evaluate_scalar_any(impl, k, z); }

double evaluate_scalar(implementation impl, std::size_t k, double z) { return evaluate_scalar_any(impl, k, z); }

void evaluate(implementation impl, std::size_t k, std::span<float const> in, std::span<float> out)
{
    evaluate_any(impl, k, in, out);
}

void evaluate(implementation impl, std::size_t k, std::span<double const> in, std::span<double> out)
{
    evaluate_any(impl, k, in, out);
}

}  // namespace sweep
