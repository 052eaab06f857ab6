// squash's exact tier (the default squash::sigmoid, ...) in the call forms a
// caller uses over arrays: squash_range f(in, out) and squash_scalar
// out[i] = f(in[i]) (forms.hpp).
//
// A new function is one line here (its name must be in functions.hpp, which
// already lists issue 13's), and that line also brings its peers into the
// run (textbook.cpp, peer_*.cpp time a function only when squash has it):
//   unary_rows<squash::log_sigmoid> const log_sigmoid_rows{"log_sigmoid", "squash"};
//   backward_rows<squash::sigmoid_backward> const sigmoid_backward_rows{"sigmoid_backward", "squash"};
//   two_output_rows<squash::sigmoid_with_grad> const with_grad_rows{"sigmoid_with_grad", "squash"};
#include <squash/squash.hpp>

#include "forms.hpp"

namespace squash_bench {
namespace {

unary_rows<squash::sigmoid> const sigmoid_rows{"sigmoid", "squash"};
unary_rows<squash::sigmoid_grad> const sigmoid_grad_rows{"sigmoid_grad", "squash"};
unary_rows<squash::bipolar_sigmoid> const bipolar_sigmoid_rows{"bipolar_sigmoid", "squash"};
// issue 13
backward_rows<squash::sigmoid_backward> const sigmoid_backward_rows{"sigmoid_backward", "squash"};
backward_rows<squash::bipolar_sigmoid_backward> const bipolar_sigmoid_backward_rows{"bipolar_sigmoid_backward", "squash"};
two_output_rows<squash::sigmoid_with_grad> const sigmoid_with_grad_rows{"sigmoid_with_grad", "squash"};
unary_rows<squash::log_sigmoid> const log_sigmoid_rows{"log_sigmoid", "squash"};
unary_rows<squash::softplus> const softplus_rows{"softplus", "squash"};
unary_rows<squash::silu> const silu_rows{"silu", "squash"};
unary_rows<squash::silu_grad> const silu_grad_rows{"silu_grad", "squash"};

}  // namespace
}  // namespace squash_bench
