// The textbook scalar loops, as the blog writes them: σ = 1/(1+e^-z),
// σ' = s(1-s), σ₂ = 2s-1. Without -ffast-math GCC and Clang keep std::exp a
// scalar libm call, so these loops stay scalar whatever -march says.
#include <cmath>
#include <cstddef>

#include "registry.hpp"

namespace squash_bench {
namespace {

template <class T>
T textbook_sigmoid(T z)
{
    return T(1) / (T(1) + std::exp(-z));
}

template <class T>
void sigmoid_loop(T const* in, T* out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = textbook_sigmoid(in[i]);
}

template <class T>
void sigmoid_grad_loop(T const* in, T* out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        T s = textbook_sigmoid(in[i]);
        out[i] = s * (T(1) - s);
    }
}

template <class T>
void bipolar_sigmoid_loop(T const* in, T* out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = T(2) * textbook_sigmoid(in[i]) - T(1);
}

template <class T>
struct register_textbook {
    registrar<T> sigmoid{"sigmoid", "textbook", sigmoid_loop<T>};
    registrar<T> grad{"sigmoid_grad", "textbook", sigmoid_grad_loop<T>};
    registrar<T> bipolar{"bipolar_sigmoid", "textbook", bipolar_sigmoid_loop<T>};
};

register_textbook<float> const textbook_float;
register_textbook<double> const textbook_double;

}  // namespace
}  // namespace squash_bench
