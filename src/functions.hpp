/* src/functions.hpp: the list of functions squash::dispatch exports, one
 * line each. Every other part of the library (the kernel tables of the
 * instruction-set translation units, the C entry points) and its tests (C++
 * and C: hence C comments here) are generated from this list, so adding a
 * function is one line here plus its two declarations in
 * include/squash/dispatch.h (a missing or different declaration fails the
 * build: the entry points are defined without extern "C" and take their C
 * linkage from that header).
 *
 * X(c_name, function_object): squash_<c_name>_f32 and squash_<c_name>_f64
 * run function_object's kernel over an array. */
#ifndef SQUASH_SRC_FUNCTIONS_HPP
#define SQUASH_SRC_FUNCTIONS_HPP

#define SQUASH_DISPATCH_FUNCTIONS(X)         \
    X(sigmoid, squash::sigmoid)              \
    X(sigmoid_grad, squash::sigmoid_grad)    \
    X(bipolar_sigmoid, squash::bipolar_sigmoid)        \
    X(fast_sigmoid, squash::fast::sigmoid)             \
    X(fast_sigmoid_grad, squash::fast::sigmoid_grad)   \
    X(fast_bipolar_sigmoid, squash::fast::bipolar_sigmoid) \
    X(softplus, squash::softplus)                          \
    X(log_sigmoid, squash::log_sigmoid)                    \
    X(silu, squash::silu)                                  \
    X(silu_grad, squash::silu_grad)

/* The backward functions, from the forward output y:
 * X(c_name, function_object): squash_<c_name>_f32(dy, y, dx, n) and _f64
 * run function_object's kernel over three arrays. */
#define SQUASH_DISPATCH_BACKWARD_FUNCTIONS(X)                     \
    X(sigmoid_backward, squash::sigmoid_backward)                 \
    X(bipolar_sigmoid_backward, squash::bipolar_sigmoid_backward) \
    X(fast_sigmoid_backward, squash::fast::sigmoid_backward)      \
    X(fast_bipolar_sigmoid_backward, squash::fast::bipolar_sigmoid_backward)

/* Two outputs from one input: squash_<c_name>_f32(z, y, g, n) and _f64. */
#define SQUASH_DISPATCH_TWO_OUTPUT_FUNCTIONS(X)     \
    X(sigmoid_with_grad, squash::sigmoid_with_grad) \
    X(fast_sigmoid_with_grad, squash::fast::sigmoid_with_grad)

#endif
