// tests/dispatch/reference_isa.cpp: the header-only library's pointer form,
// built for one instruction set with the unit suite's flags for it
// (SQUASH_ISA_LIST), laid out like the dispatch library's kernel tables. The
// dispatch test compares the library with it bit for bit: "the same results
// as the header-only form built for that instruction set". Compiled once
// per level, with REFERENCE_TABLE naming the table (reference_sse2, ...).
#include <squash/squash.hpp>

#include "table.hpp"

#ifndef REFERENCE_TABLE
#error "define REFERENCE_TABLE (reference_sse2, reference_avx2 or reference_avx512)"
#endif

namespace {

template <auto const& f, class T>
void pointer_form(T const* in, T* out, std::size_t n) noexcept
{
    f(in, out, n);  // the arguments are valid: this cannot throw
}

template <auto const& f, class T>
void backward_pointer_form(T const* dy, T const* y, T* dx, std::size_t n) noexcept
{
    f(dy, y, dx, n);
}

template <auto const& f, class T>
void two_output_pointer_form(T const* z, T* value, T* grad, std::size_t n) noexcept
{
    f(z, value, grad, n);
}

}  // namespace

namespace dispatch_test {

extern squash::dispatch_impl::kernel_table const REFERENCE_TABLE;
squash::dispatch_impl::kernel_table const REFERENCE_TABLE = {
    "header-only, " SQUASH_REFERENCE_FLAGS,
#define REFERENCE_ENTRIES(c_name, object) &pointer_form<object, float>, &pointer_form<object, double>,
    SQUASH_DISPATCH_FUNCTIONS(REFERENCE_ENTRIES)
#undef REFERENCE_ENTRIES
#define REFERENCE_BACKWARD_ENTRIES(c_name, object) \
    &backward_pointer_form<object, float>, &backward_pointer_form<object, double>,
    SQUASH_DISPATCH_BACKWARD_FUNCTIONS(REFERENCE_BACKWARD_ENTRIES)
#undef REFERENCE_BACKWARD_ENTRIES
#define REFERENCE_TWO_OUTPUT_ENTRIES(c_name, object) \
    &two_output_pointer_form<object, float>, &two_output_pointer_form<object, double>,
    SQUASH_DISPATCH_TWO_OUTPUT_FUNCTIONS(REFERENCE_TWO_OUTPUT_ENTRIES)
#undef REFERENCE_TWO_OUTPUT_ENTRIES
};

}  // namespace dispatch_test
