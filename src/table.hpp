// src/table.hpp: what each instruction-set translation unit of
// squash::dispatch provides: a table of array kernels, one float and one
// double entry per line of SQUASH_DISPATCH_FUNCTIONS.
#ifndef SQUASH_SRC_TABLE_HPP
#define SQUASH_SRC_TABLE_HPP

#include <cstddef>

#include "functions.hpp"

namespace squash::dispatch_impl {

// out[i] = f(in[i]) for i < n; the caller has checked the arguments.
template <class T>
using array_kernel = void (*)(T const* in, T* out, std::size_t n) noexcept;

// dx[i] = f(dy[i], y[i]); value[i], grad[i] = f(z[i]).
template <class T>
using backward_kernel = void (*)(T const* dy, T const* y, T* dx, std::size_t n) noexcept;
template <class T>
using two_output_kernel = void (*)(T const* z, T* value, T* grad, std::size_t n) noexcept;

struct kernel_table {
    char const* isa;  // what squash_dispatch_isa() reports
#define SQUASH_DISPATCH_TABLE_MEMBERS(c_name, object) \
    array_kernel<float> c_name##_f32;                 \
    array_kernel<double> c_name##_f64;
    SQUASH_DISPATCH_FUNCTIONS(SQUASH_DISPATCH_TABLE_MEMBERS)
#undef SQUASH_DISPATCH_TABLE_MEMBERS
#define SQUASH_DISPATCH_BACKWARD_MEMBERS(c_name, object) \
    backward_kernel<float> c_name##_f32;                 \
    backward_kernel<double> c_name##_f64;
    SQUASH_DISPATCH_BACKWARD_FUNCTIONS(SQUASH_DISPATCH_BACKWARD_MEMBERS)
#undef SQUASH_DISPATCH_BACKWARD_MEMBERS
#define SQUASH_DISPATCH_TWO_OUTPUT_MEMBERS(c_name, object) \
    two_output_kernel<float> c_name##_f32;                 \
    two_output_kernel<double> c_name##_f64;
    SQUASH_DISPATCH_TWO_OUTPUT_FUNCTIONS(SQUASH_DISPATCH_TWO_OUTPUT_MEMBERS)
#undef SQUASH_DISPATCH_TWO_OUTPUT_MEMBERS
};

// One per translation unit, each compiled for its instruction set only.
extern kernel_table const sse2_kernels;    // isa_sse2.cpp,   -march=x86-64
extern kernel_table const avx2_kernels;    // isa_avx2.cpp,   -march=x86-64-v3
extern kernel_table const avx512_kernels;  // isa_avx512.cpp, -march=x86-64-v4

}  // namespace squash::dispatch_impl

#endif
