// tests/dispatch/xsimd_dispatch/functor_isa.cpp: the functor's body for one
// architecture (FUNCTOR_ARCH), compiled with its flags: the pattern xsimd's
// documentation gives for xsimd::dispatch, with squash's arch-explicit
// forms inside.
#include <squash/squash.hpp>

#include <algorithm>

#include "functions.hpp"
#include "functor.hpp"

#ifndef FUNCTOR_ARCH
#error "define FUNCTOR_ARCH (xsimd::sse2, xsimd::fma3<xsimd::avx2> or xsimd::avx512bw)"
#endif

namespace {

// A C++17 contiguous range: what the range forms take besides std::span.
template <class T>
struct array_view {
    T* p;
    std::size_t n;
    T* data() const { return p; }
    std::size_t size() const { return n; }
};

template <class Arch, class T, class F>
void call(F const& f, int form, T const* in, T* out, std::size_t n)
{
    switch (form) {
    case 0: f(Arch{}, in, out, n); break;
    case 1: f(Arch{}, array_view<T const>{in, n}, array_view<T>{out, n}); break;
    default:
        std::copy(in, in + n, out);
        f(Arch{}, array_view<T>{out, n});
    }
}

}  // namespace

template <class Arch, class T>
char const* squash_array_functor::operator()(Arch, int function, int form, T const* in, T* out, std::size_t n) const
{
    int index = 0;
#define FUNCTOR_CALL(c_name, object) \
    if (function == index++)         \
        call<Arch>(object, form, in, out, n);
    SQUASH_DISPATCH_FUNCTIONS(FUNCTOR_CALL)
#undef FUNCTOR_CALL
    return Arch::name();
}

SQUASH_FUNCTOR_INSTANCES(, FUNCTOR_ARCH)
