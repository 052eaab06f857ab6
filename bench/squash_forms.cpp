// squash itself, in the two forms a caller would use over an array:
//   squash_range   f(in, out): the library's own batched, unrolled loop;
//   squash_scalar  out[i] = f(in[i]): the scalar call form in a plain loop,
//                  one broadcast batch per element.
#include <cstddef>
#include <span>

#include <squash/squash.hpp>

#include "registry.hpp"

namespace squash_bench {
namespace {

template <auto const& f, class T>
void range_form(T const* in, T* out, std::size_t n)
{
    f(std::span<T const>(in, n), std::span<T>(out, n));
}

template <auto const& f, class T>
void scalar_form(T const* in, T* out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = f(in[i]);
}

template <auto const& f, class T>
struct register_forms {
    registrar<T> range;
    registrar<T> scalar;
    explicit register_forms(char const* function)
        : range(function, "squash_range", range_form<f, T>), scalar(function, "squash_scalar", scalar_form<f, T>)
    {
    }
};

register_forms<squash::sigmoid, float> const sigmoid_float{"sigmoid"};
register_forms<squash::sigmoid, double> const sigmoid_double{"sigmoid"};
register_forms<squash::sigmoid_grad, float> const grad_float{"sigmoid_grad"};
register_forms<squash::sigmoid_grad, double> const grad_double{"sigmoid_grad"};
register_forms<squash::bipolar_sigmoid, float> const bipolar_float{"bipolar_sigmoid"};
register_forms<squash::bipolar_sigmoid, double> const bipolar_double{"bipolar_sigmoid"};

}  // namespace
}  // namespace squash_bench
