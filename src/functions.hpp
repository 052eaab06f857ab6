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
    X(fast_bipolar_sigmoid, squash::fast::bipolar_sigmoid)

#endif
