#include "functions.hpp"

#include <squash/squash.hpp>

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
        }
    }
}

template <class T>
void evaluate_any(implementation impl, fn f, std::span<T const> in, std::span<T> out)
{
    if (impl == implementation::textbook)
        return evaluate_textbook(f, in, out);
    switch (f) {
    case fn::sigmoid: squash::sigmoid(in, out); break;
    case fn::sigmoid_grad: squash::sigmoid_grad(in, out); break;
    case fn::bipolar_sigmoid: squash::bipolar_sigmoid(in, out); break;
    }
}

template <class T>
T evaluate_scalar_any(implementation impl, fn f, T z)
{
    if (impl == implementation::textbook) {
        T out{};
        evaluate_textbook<T>(f, std::span<T const>(&z, 1), std::span<T>(&out, 1));
        return out;
    }
    switch (f) {
    case fn::sigmoid: return squash::sigmoid(z);
    case fn::sigmoid_grad: return squash::sigmoid_grad(z);
    case fn::bipolar_sigmoid: return squash::bipolar_sigmoid(z);
    }
    return z;
}

}  // namespace

float evaluate_scalar(implementation impl, fn f, float z) { return evaluate_scalar_any(impl, f, z); }

double evaluate_scalar(implementation impl, fn f, double z) { return evaluate_scalar_any(impl, f, z); }

void evaluate(implementation impl, fn f, std::span<float const> in, std::span<float> out)
{
    evaluate_any(impl, f, in, out);
}

void evaluate(implementation impl, fn f, std::span<double const> in, std::span<double> out)
{
    evaluate_any(impl, f, in, out);
}

}  // namespace sweep
