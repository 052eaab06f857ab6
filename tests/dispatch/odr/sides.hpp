// tests/dispatch/odr/sides.hpp: the three "sides" of the mixed -march
// program: forms.cpp compiled for -march=x86-64, -march=haswell and
// -march=skylake-avx512, each exporting one function per element type that
// runs every call form of every function of the list.
#pragma once

#include <cstddef>

// The call forms, in the order their results are written (n values each).
inline constexpr char const* odr_form_names[] = {
    "f(z)",           "f(batch)",         "f(in, out)",         "f(inout)",
    "f(in_ptr, out_ptr, n)", "f(Arch{}, in, out)", "f(Arch{}, inout)", "f(Arch{}, in_ptr, out_ptr, n)"};
inline constexpr std::size_t odr_form_count = sizeof odr_form_names / sizeof odr_form_names[0];

// function: index into SQUASH_DISPATCH_FUNCTIONS; results: odr_form_count * n
// values. Returns the name of xsimd::default_arch on that side.
#define ODR_SIDE_DECLARATIONS(side)                                                                         \
    char const* odr_forms_##side##_f32(int function, float const* z, std::size_t n, float* results);   \
    char const* odr_forms_##side##_f64(int function, double const* z, std::size_t n, double* results);
ODR_SIDE_DECLARATIONS(sse2)
ODR_SIDE_DECLARATIONS(avx2)
ODR_SIDE_DECLARATIONS(avx512)
#undef ODR_SIDE_DECLARATIONS
