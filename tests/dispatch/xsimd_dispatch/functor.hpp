// tests/dispatch/xsimd_dispatch/functor.hpp: how a user who already
// dispatches with xsimd calls squash inside it: a functor whose operator()
// takes the architecture first and passes it to squash's arch-explicit
// forms. Its definition is compiled once per architecture, each time with
// that architecture's flags (functor_isa.cpp), and instantiated there only.
#pragma once

#include <cstddef>

#include <xsimd/xsimd.hpp>

struct squash_array_functor {
    // form 0: f(Arch{}, in_ptr, out_ptr, n); 1: f(Arch{}, in, out) on
    // ranges; 2: f(Arch{}, inout) on a copy in out. function: index into
    // SQUASH_DISPATCH_FUNCTIONS. Returns Arch::name().
    template <class Arch, class T>
    char const* operator()(Arch, int function, int form, T const* in, T* out, std::size_t n) const;
};

#define SQUASH_FUNCTOR_INSTANCES(prefix, Arch)                                                                       \
    prefix template char const* squash_array_functor::operator()<Arch, float>(Arch, int, int, float const*, float*, \
                                                                              std::size_t) const;                   \
    prefix template char const* squash_array_functor::operator()<Arch, double>(Arch, int, int, double const*,       \
                                                                               double*, std::size_t) const;
SQUASH_FUNCTOR_INSTANCES(extern, xsimd::sse2)
SQUASH_FUNCTOR_INSTANCES(extern, xsimd::fma3<xsimd::avx2>)
SQUASH_FUNCTOR_INSTANCES(extern, xsimd::avx512bw)

// The architectures to dispatch over, best first (xsimd::dispatch's order).
using squash_functor_archs = xsimd::arch_list<xsimd::avx512bw, xsimd::fma3<xsimd::avx2>, xsimd::sse2>;
