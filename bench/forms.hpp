// squash benchmarks: rows for a squash function object in the call forms a
// caller uses over arrays, for float and double at once. One line per
// function registers them (squash_forms.cpp, for the shapes the test
// suite's table does not hold; its one-input functions come from the table):
//
//   unary_rows<squash::sigmoid> const sigmoid_rows{"sigmoid", "squash"};
//     <prefix>_range   f(in, out)             the library's own batched loop
//     <prefix>_scalar  out[i] = f(in[i])      the scalar call form in a plain
//                                             loop (with_scalar_form only)
//   backward_rows<squash::sigmoid_backward> const ...{"sigmoid_backward", "squash"};
//     <prefix>_range   f(dy, y, dx)
//     <prefix>_scalar  dx[i] = f(dy[i], y[i])  (with_scalar_form only)
//   two_output_rows<squash::sigmoid_with_grad> const ...{"sigmoid_with_grad", "squash"};
//     <prefix>_range   f(z, y, g)
//
// The templates are instantiated only by such a line, so a shape whose
// functions do not exist yet costs nothing. The function name must be in
// functions.hpp (the driver stops with a message if it is not).
#ifndef SQUASH_BENCH_FORMS_HPP
#define SQUASH_BENCH_FORMS_HPP

#include <cstddef>
#include <span>
#include <string>

#include "registry.hpp"

namespace squash_bench {

enum class scalar_form { without, with };

template <auto const& f, class T>
void unary_range(T const* in, T* out, std::size_t n)
{
    f(std::span<T const>(in, n), std::span<T>(out, n));
}

template <auto const& f, class T>
void unary_scalar(T const* in, T* out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = f(in[i]);
}

template <auto const& f, class T>
void backward_range(T const* dy, T const* y, T* dx, std::size_t n)
{
    f(std::span<T const>(dy, n), std::span<T const>(y, n), std::span<T>(dx, n));
}

template <auto const& f, class T>
void backward_scalar(T const* dy, T const* y, T* dx, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        dx[i] = f(dy[i], y[i]);
}

template <auto const& f, class T>
void two_output_range(T const* z, T* y, T* g, std::size_t n)
{
    f(std::span<T const>(z, n), std::span<T>(y, n), std::span<T>(g, n));
}

// The names outlive the registrars: the registry copies them.
inline std::string row(char const* prefix, char const* form) { return std::string(prefix) + "_" + form; }

template <auto const& f>
struct unary_rows {
    unary_rows(char const* function, char const* prefix, scalar_form scalar = scalar_form::with)
    {
        registrar<float>(function, row(prefix, "range").c_str(), unary_range<f, float>);
        registrar<double>(function, row(prefix, "range").c_str(), unary_range<f, double>);
        if (scalar == scalar_form::with) {
            registrar<float>(function, row(prefix, "scalar").c_str(), unary_scalar<f, float>);
            registrar<double>(function, row(prefix, "scalar").c_str(), unary_scalar<f, double>);
        }
    }
};

template <auto const& f>
struct backward_rows {
    backward_rows(char const* function, char const* prefix, scalar_form scalar = scalar_form::with)
    {
        registrar<float>(function, row(prefix, "range").c_str(), backward_range<f, float>, second_operand::y);
        registrar<double>(function, row(prefix, "range").c_str(), backward_range<f, double>, second_operand::y);
        if (scalar == scalar_form::with) {
            registrar<float>(function, row(prefix, "scalar").c_str(), backward_scalar<f, float>, second_operand::y);
            registrar<double>(function, row(prefix, "scalar").c_str(), backward_scalar<f, double>,
                              second_operand::y);
        }
    }
};

template <auto const& f>
struct two_output_rows {
    two_output_rows(char const* function, char const* prefix)
    {
        registrar<float>(function, row(prefix, "range").c_str(), two_output_range<f, float>);
        registrar<double>(function, row(prefix, "range").c_str(), two_output_range<f, double>);
    }
};

}  // namespace squash_bench

#endif
