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

struct kernel_table {
    char const* isa;  // what squash_dispatch_isa() reports
#define SQUASH_DISPATCH_TABLE_MEMBERS(c_name, object) \
    array_kernel<float> c_name##_f32;                 \
    array_kernel<double> c_name##_f64;
    SQUASH_DISPATCH_FUNCTIONS(SQUASH_DISPATCH_TABLE_MEMBERS)
#undef SQUASH_DISPATCH_TABLE_MEMBERS
};

// One per translation unit, each compiled for its instruction set only.
extern kernel_table const sse2_kernels;    // isa_sse2.cpp,   -march=x86-64
extern kernel_table const avx2_kernels;    // isa_avx2.cpp,   -march=x86-64-v3
extern kernel_table const avx512_kernels;  // isa_avx512.cpp, -march=x86-64-v4

}  // namespace squash::dispatch_impl

#endif
