// src/isa_avx2.cpp: squash::dispatch's kernels for x86-64-v3 (AVX2, FMA,
// BMI1/2, F16C, LZCNT, MOVBE): Intel Haswell, AMD Excavator and later.
// Built with -march=x86-64-v3; run only where cpu.cpp finds all of these.
#if !defined(__AVX2__) || !defined(__FMA__) || !defined(__BMI2__) || defined(__AVX512F__)
#error "squash::dispatch: isa_avx2.cpp must be compiled with -march=x86-64-v3 exactly (AVX2 and FMA, no AVX-512)"
#endif

#include "isa_kernels.hpp"

namespace squash::dispatch_impl {

extern kernel_table const avx2_kernels = make_kernel_table<xsimd::fma3<xsimd::avx2>>("avx2");

}  // namespace squash::dispatch_impl
