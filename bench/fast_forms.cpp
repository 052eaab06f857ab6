// squash's fast tier (squash::fast::sigmoid, ...) in the range form
// f(in, out), as the row fast_range. No scalar-form rows: the range form is what the targets compare,
// and each row costs run time (add scalar_form::with to get them).
//
// A new fast function is one line, as in squash_forms.cpp:
//   unary_rows<squash::fast::log_sigmoid> const log_sigmoid_rows{"log_sigmoid", "fast", scalar_form::without};
#include <squash/fast.hpp>
#include <squash/fast_training.hpp>

#include "forms.hpp"

namespace squash_bench {
namespace {

unary_rows<squash::fast::sigmoid> const sigmoid_rows{"sigmoid", "fast", scalar_form::without};
unary_rows<squash::fast::sigmoid_grad> const sigmoid_grad_rows{"sigmoid_grad", "fast", scalar_form::without};
unary_rows<squash::fast::bipolar_sigmoid> const bipolar_sigmoid_rows{"bipolar_sigmoid", "fast",
                                                                     scalar_form::without};
// issue 13
backward_rows<squash::fast::sigmoid_backward> const sigmoid_backward_rows{"sigmoid_backward", "fast",
                                                                          scalar_form::without};
backward_rows<squash::fast::bipolar_sigmoid_backward> const bipolar_sigmoid_backward_rows{
    "bipolar_sigmoid_backward", "fast", scalar_form::without};
two_output_rows<squash::fast::sigmoid_with_grad> const sigmoid_with_grad_rows{"sigmoid_with_grad", "fast"};

}  // namespace
}  // namespace squash_bench
