// src/isa_avx512.cpp: squash::dispatch's kernels for x86-64-v4 (AVX-512 F,
// CD, DQ, BW, VL on top of x86-64-v3): Intel Skylake-SP, AMD Zen 4 and
// later. Built with -march=x86-64-v4; run only where cpu.cpp finds them.
#if !defined(__AVX512F__) || !defined(__AVX512BW__) || !defined(__AVX512DQ__) || !defined(__AVX512VL__) || \
    !defined(__FMA__)
#error "squash::dispatch: isa_avx512.cpp must be compiled with -march=x86-64-v4"
#endif

#include "isa_kernels.hpp"

namespace squash::dispatch_impl {

extern kernel_table const avx512_kernels = make_kernel_table<xsimd::avx512bw>("avx512");

}  // namespace squash::dispatch_impl
