// src/isa_kernels.hpp: the kernel table of one instruction set, for the
// translation unit compiled for it (isa_sse2.cpp, isa_avx2.cpp,
// isa_avx512.cpp). Each entry is the header-only library's own array loop,
// squash::detail::apply_range, for that xsimd architecture: the very code
// the range and pointer forms run, so the results are bit-identical to them.
#ifndef SQUASH_SRC_ISA_KERNELS_HPP
#define SQUASH_SRC_ISA_KERNELS_HPP

#include <type_traits>

#include <squash/squash.hpp>

#include "table.hpp"

namespace squash::dispatch_impl {

template <class Arch>
constexpr kernel_table make_kernel_table(char const* isa) noexcept
{
    return kernel_table{
        isa,
#define SQUASH_DISPATCH_TABLE_ENTRIES(c_name, object)                                   \
    &squash::detail::apply_range<std::remove_cv_t<decltype(object)>, float, Arch>, \
        &squash::detail::apply_range<std::remove_cv_t<decltype(object)>, double, Arch>,
        SQUASH_DISPATCH_FUNCTIONS(SQUASH_DISPATCH_TABLE_ENTRIES)
#undef SQUASH_DISPATCH_TABLE_ENTRIES
#define SQUASH_DISPATCH_BACKWARD_ENTRIES(c_name, object)                                   \
    &squash::detail::apply_backward<std::remove_cv_t<decltype(object)>, float, Arch>, \
        &squash::detail::apply_backward<std::remove_cv_t<decltype(object)>, double, Arch>,
        SQUASH_DISPATCH_BACKWARD_FUNCTIONS(SQUASH_DISPATCH_BACKWARD_ENTRIES)
#undef SQUASH_DISPATCH_BACKWARD_ENTRIES
#define SQUASH_DISPATCH_TWO_OUTPUT_ENTRIES(c_name, object)                                    \
    &squash::detail::apply_two_outputs<std::remove_cv_t<decltype(object)>, float, Arch>, \
        &squash::detail::apply_two_outputs<std::remove_cv_t<decltype(object)>, double, Arch>,
        SQUASH_DISPATCH_TWO_OUTPUT_FUNCTIONS(SQUASH_DISPATCH_TWO_OUTPUT_ENTRIES)
#undef SQUASH_DISPATCH_TWO_OUTPUT_ENTRIES
    };
}

}  // namespace squash::dispatch_impl

#endif
