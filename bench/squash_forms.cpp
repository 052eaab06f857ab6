// squash's own rows: every function of the test suite's table
// (tests/function_table.hpp) in both tiers, as the range form f(in, out)
// (rows squash_range, fast_range) and, for the exact tier, the scalar form
// in a loop (squash_scalar); then the functions of other shapes, which the
// table does not hold: the backward forms f(dy, y, dx) and f(z, y, g).
// A new one-input function or tier is its line in the table; squash's row
// brings its peers into the run (textbook.cpp, peer_*.cpp time a function
// only when squash has it), as long as bench/functions.hpp names it.
#include <squash/squash.hpp>

#include <string>

#include "forms.hpp"
#include "function_table.hpp"

namespace squash_bench {
namespace {

struct table_rows {
    table_rows()
    {
        for (auto const& f : squash_test::functions) {
            char const* function = squash_test::info(f.math).name;
            bool const exact = f.level == squash_test::tier::exact;
            std::string const range = exact ? "squash_range" : "fast_range";
            registrar<float>(function, range.c_str(), f.f32.range);
            registrar<double>(function, range.c_str(), f.f64.range);
            if (exact) {
                registrar<float>(function, "squash_scalar", f.f32.scalar_loop);
                registrar<double>(function, "squash_scalar", f.f64.scalar_loop);
            }
        }
    }
};
table_rows const one_line_per_table_entry;

backward_rows<squash::sigmoid_backward> const sigmoid_backward_rows{"sigmoid_backward", "squash"};
backward_rows<squash::bipolar_sigmoid_backward> const bipolar_sigmoid_backward_rows{"bipolar_sigmoid_backward",
                                                                                    "squash"};
two_output_rows<squash::sigmoid_with_grad> const sigmoid_with_grad_rows{"sigmoid_with_grad", "squash"};
backward_rows<squash::fast::sigmoid_backward> const fast_sigmoid_backward_rows{"sigmoid_backward", "fast",
                                                                               scalar_form::without};
backward_rows<squash::fast::bipolar_sigmoid_backward> const fast_bipolar_sigmoid_backward_rows{
    "bipolar_sigmoid_backward", "fast", scalar_form::without};
two_output_rows<squash::fast::sigmoid_with_grad> const fast_sigmoid_with_grad_rows{"sigmoid_with_grad", "fast"};

}  // namespace
}  // namespace squash_bench
