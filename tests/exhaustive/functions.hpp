// The functions under test, from tests/function_table.hpp (every function
// object of every tier), and the two implementations the sweep can measure:
// squash's range form, or the textbook float formulas of the same
// mathematical functions (for the README's side-by-side comparison).
#ifndef SQUASH_SWEEP_FUNCTIONS_HPP
#define SQUASH_SWEEP_FUNCTIONS_HPP

#include <cmath>
#include <array>
#include <span>
#include <string_view>

#include "function_table.hpp"

namespace sweep {

using fn = squash_test::math_function;
using squash_test::function_count;
using squash_test::shape;

// The k-th function object of the table, and its mathematical function.
inline squash_test::function_entry const& entry(std::size_t k) { return squash_test::functions[k]; }
inline fn math_of(std::size_t k) { return entry(k).math; }
inline char const* function_name(std::size_t k) { return entry(k).name; }
inline shape shape_of(fn f) { return squash_test::info(f).kind; }

// --only: the function objects the sweep measures (all by default), so that
// a new function's full float sweep costs its own time, not the table's.
inline std::array<bool, function_count>& selection()
{
    static std::array<bool, function_count> chosen = [] {
        std::array<bool, function_count> all{};
        all.fill(true);
        return all;
    }();
    return chosen;
}
inline bool selected(std::size_t k) { return selection()[k]; }

// Selects the functions named in a comma-separated list; false if a name
// is not in the table.
inline bool select_functions(std::string_view names)
{
    selection().fill(false);
    while (!names.empty()) {
        auto comma = names.find(',');
        auto name = names.substr(0, comma);
        bool found = false;
        for (std::size_t k = 0; k < function_count; ++k)
            if (name == squash_test::functions[k].name)
                selection()[k] = found = true;
        if (!found)
            return false;
        names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
    }
    return true;
}

enum class implementation { squash, textbook };

constexpr char const* implementation_name(implementation impl)
{
    return impl == implementation::squash ? "squash" : "textbook";
}

// out[i] = f(in[i]) for the k-th function. squash: the function object's
// pointer range form, the call a user makes on a buffer. textbook:
// 1/(1+exp(-z)), s(1-s), 2s-1, log(1+exp(z)), log(s), z s, s(1+z(1-s)) in T
// for the function's mathematics.
void evaluate(implementation impl, std::size_t k, std::span<float const> in, std::span<float> out);
void evaluate(implementation impl, std::size_t k, std::span<double const> in, std::span<double> out);

// The scalar call form f(z) (for squash; the textbook formula otherwise).
float evaluate_scalar(implementation impl, std::size_t k, float z);
double evaluate_scalar(implementation impl, std::size_t k, double z);

}  // namespace sweep

#endif
