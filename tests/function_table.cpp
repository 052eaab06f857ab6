// The definition of the one table of squash's functions that the tests read
// (declared, with what a line means, in tests/function_table.hpp). It is
// the one translation unit that instantiates every function object's call
// forms for the table; its element count must be function_count, or this
// definition conflicts with the header's declaration.
#include "function_table.hpp"

// Constant-initialized (entry() is constexpr), so that code running before
// main, like the benchmark's row registration, already sees the table: a
// dynamic initializer in this file would run in an unspecified order with
// theirs. C++20 checks it (constinit); C++17 builds get the same
// initialization, unchecked.
#if defined(__cpp_constinit)
#define SQUASH_TEST_CONSTINIT constinit
#else
#define SQUASH_TEST_CONSTINIT
#endif

namespace squash_test {

SQUASH_TEST_CONSTINIT function_entry const functions[] = {
    entry<squash::sigmoid>("sigmoid", math_function::sigmoid, tier::exact, correctly_rounded, within_1_ulp),
    entry<squash::sigmoid_grad>("sigmoid_grad", math_function::sigmoid_grad, tier::exact, correctly_rounded,
                                within_1_ulp),
    entry<squash::bipolar_sigmoid>("bipolar_sigmoid", math_function::bipolar_sigmoid, tier::exact, correctly_rounded,
                                   within_1_ulp),
    // The training functions. Exact tier, faithful in both types: the error is below
    // 1 ulp of the exact value for every input, which the sweep proves for
    // every float and checks on 10^7 doubles against MPFR.
    entry<squash::softplus>("softplus", math_function::softplus, tier::exact, faithful, faithful),
    entry<squash::log_sigmoid>("log_sigmoid", math_function::log_sigmoid, tier::exact, faithful, faithful),
    entry<squash::silu>("silu", math_function::silu, tier::exact, faithful, faithful),
    entry<squash::silu_grad>("silu_grad", math_function::silu_grad, tier::exact, faithful, faithful),
    entry<squash::fast::sigmoid>("fast::sigmoid", math_function::sigmoid, tier::fast, within_4_ulp, within_4_ulp,
                                 subnormals::flushed),
    entry<squash::fast::sigmoid_grad>("fast::sigmoid_grad", math_function::sigmoid_grad, tier::fast, within_4_ulp,
                                      within_4_ulp, subnormals::flushed),
    entry<squash::fast::bipolar_sigmoid>("fast::bipolar_sigmoid", math_function::bipolar_sigmoid, tier::fast,
                                         within_4_ulp, within_4_ulp),
    // The fast tier of the training functions; the last two numbers are
    // how many ulps a float and a double result may step back against the
    // shape (function_entry::order_slack_float, order_slack_double).
    entry<squash::fast::softplus>("fast::softplus", math_function::softplus, tier::fast, within_4_ulp, within_4_ulp,
                                  subnormals::flushed, 0, 2),
    entry<squash::fast::log_sigmoid>("fast::log_sigmoid", math_function::log_sigmoid, tier::fast, within_4_ulp,
                                     within_4_ulp, subnormals::flushed, 0, 2),
    entry<squash::fast::silu>("fast::silu", math_function::silu, tier::fast, within_4_ulp, within_4_ulp,
                              subnormals::flushed, 2, 2),
    entry<squash::fast::silu_grad>("fast::silu_grad", math_function::silu_grad, tier::fast, within_4_ulp,
                                   within_4_ulp, subnormals::flushed, 0, 4),
};

}  // namespace squash_test
