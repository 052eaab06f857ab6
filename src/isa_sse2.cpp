// src/isa_sse2.cpp: squash::dispatch's kernels for the x86-64 baseline
// (SSE2, no FMA), for any x86-64 CPU. Built with -march=x86-64.
#if defined(__AVX__) || defined(__FMA__)
#error "squash::dispatch: isa_sse2.cpp must be compiled for the x86-64 baseline (remove -mavx*/-mfma from the flags)"
#endif

#include "isa_kernels.hpp"

namespace squash::dispatch_impl {

extern kernel_table const sse2_kernels = make_kernel_table<xsimd::sse2>("sse2");

}  // namespace squash::dispatch_impl
