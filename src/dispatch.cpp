// src/dispatch.cpp: the C entry points of squash::dispatch (dispatch.h), the
// checks they make before writing anything, and the once-only choice of the
// kernel table (CPU level, capped by SQUASH_ISA). Built for the x86-64
// baseline, so that it runs on any CPU before the choice is made.
#if defined(__AVX__)
#error "squash::dispatch: dispatch.cpp must be compiled for the x86-64 baseline (remove -mavx* from the flags)"
#endif

#include <squash/dispatch.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>

#include "cpu.hpp"
#include "table.hpp"

namespace squash::dispatch_impl {
namespace {

kernel_table const* table_for(isa_level level) noexcept
{
    switch (level) {
    case isa_level::avx512: return &avx512_kernels;
    case isa_level::avx2: return &avx2_kernels;
    case isa_level::sse2: break;
    }
    return &sse2_kernels;
}

struct isa_cap {
    isa_level level;
    bool recognised;
};

// SQUASH_ISA: unset or empty is no cap; an unknown name caps at the
// baseline, which runs everywhere (and is reported once on stderr).
isa_cap read_cap(char const* text) noexcept
{
    if (text == nullptr || *text == '\0' || std::strcmp(text, "avx512") == 0)
        return {isa_level::avx512, true};
    if (std::strcmp(text, "avx2") == 0)
        return {isa_level::avx2, true};
    if (std::strcmp(text, "sse2") == 0)
        return {isa_level::sse2, true};
    return {isa_level::sse2, false};
}

// The table in use: null until the first call. Choosing is idempotent (the
// CPU and the environment give the same answer to every thread), so
// concurrent first calls may each compute it; one of them publishes it, and
// only that one reports a bad SQUASH_ISA. A plain atomic pointer, not a
// function-local static, so the library needs no C++ runtime support.
std::atomic<kernel_table const*> active_table{nullptr};

kernel_table const& choose_table() noexcept
{
    char const* const env = std::getenv("SQUASH_ISA");
    isa_cap const cap = read_cap(env);
    isa_level const cpu = cpu_isa_level();
    isa_level const level = static_cast<int>(cpu) < static_cast<int>(cap.level) ? cpu : cap.level;
    kernel_table const* chosen = table_for(level);
    kernel_table const* expected = nullptr;
    if (active_table.compare_exchange_strong(expected, chosen, std::memory_order_acq_rel)) {
        if (!cap.recognised)
            std::fprintf(stderr, "squash: SQUASH_ISA=%s is not one of sse2, avx2, avx512; using sse2\n", env);
        return *chosen;
    }
    return *expected;  // another thread chose first (the same table)
}

kernel_table const& kernels() noexcept
{
    kernel_table const* table = active_table.load(std::memory_order_acquire);
    return table != nullptr ? *table : choose_table();
}

// The checks of the header-only array forms, as return values: the same
// memory is in place; any other overlap, or a null pointer with n > 0, is an
// error reported before anything is written.
template <class T>
int run(array_kernel<T> kernel, T const* in, T* out, std::size_t n) noexcept
{
    if (n == 0)
        return SQUASH_OK;
    if (in == nullptr || out == nullptr)
        return SQUASH_ERROR_NULL_POINTER;
    if (in != out) {
        // std::less: a total order even on pointers into different objects.
        std::less<T const*> before;
        if (before(out, in + n) && before(in, out + n))
            return SQUASH_ERROR_OVERLAP;
    }
    kernel(in, out, n);
    return SQUASH_OK;
}

// [a, a + n) and [b, b + n) share memory without being the same array.
template <class T>
bool partly_overlap(T const* a, T const* b, std::size_t n) noexcept
{
    std::less<T const*> before;
    return a != b && before(a, b + n) && before(b, a + n);
}

// The backward functions: dx may be dy or y (in place); dy and y may
// overlap each other in any way (both are only read); dx partly over
// either is an error.
template <class T>
int run_backward(backward_kernel<T> kernel, T const* dy, T const* y, T* dx, std::size_t n) noexcept
{
    if (n == 0)
        return SQUASH_OK;
    if (dy == nullptr || y == nullptr || dx == nullptr)
        return SQUASH_ERROR_NULL_POINTER;
    if (partly_overlap<T>(dx, dy, n) || partly_overlap<T>(dx, y, n))
        return SQUASH_ERROR_OVERLAP;
    kernel(dy, y, dx, n);
    return SQUASH_OK;
}

// Two outputs: either may be z (in place); value and grad must be disjoint
// (the same array included); any other overlap is an error.
template <class T>
int run_two_outputs(two_output_kernel<T> kernel, T const* z, T* value, T* grad, std::size_t n) noexcept
{
    if (n == 0)
        return SQUASH_OK;
    if (z == nullptr || value == nullptr || grad == nullptr)
        return SQUASH_ERROR_NULL_POINTER;
    std::less<T const*> before;
    bool const outputs_overlap = before(value, grad + n) && before(grad, value + n);
    if (outputs_overlap || partly_overlap<T>(value, z, n) || partly_overlap<T>(grad, z, n))
        return SQUASH_ERROR_OVERLAP;
    kernel(z, value, grad, n);
    return SQUASH_OK;
}

}  // namespace
}  // namespace squash::dispatch_impl

// The entry points, one pair per line of SQUASH_DISPATCH_FUNCTIONS. They are
// defined without extern "C": their C linkage comes from the declarations in
// dispatch.h, so a function missing there (or declared differently) fails
// the build instead of being exported under a C++ name.
#define SQUASH_DISPATCH_ENTRY_POINTS(c_name, object)                                          \
    int squash_##c_name##_f32(float const* in, float* out, size_t n) noexcept                 \
    {                                                                                         \
        using namespace squash::dispatch_impl;                                                \
        return run<float>(kernels().c_name##_f32, in, out, n);                                \
    }                                                                                         \
    int squash_##c_name##_f64(double const* in, double* out, size_t n) noexcept               \
    {                                                                                         \
        using namespace squash::dispatch_impl;                                                \
        return run<double>(kernels().c_name##_f64, in, out, n);                               \
    }
SQUASH_DISPATCH_FUNCTIONS(SQUASH_DISPATCH_ENTRY_POINTS)
#undef SQUASH_DISPATCH_ENTRY_POINTS

#define SQUASH_DISPATCH_BACKWARD_ENTRY_POINTS(c_name, object)                                          \
    int squash_##c_name##_f32(float const* dy, float const* y, float* dx, size_t n) noexcept           \
    {                                                                                                  \
        using namespace squash::dispatch_impl;                                                         \
        return run_backward<float>(kernels().c_name##_f32, dy, y, dx, n);                              \
    }                                                                                                  \
    int squash_##c_name##_f64(double const* dy, double const* y, double* dx, size_t n) noexcept        \
    {                                                                                                  \
        using namespace squash::dispatch_impl;                                                         \
        return run_backward<double>(kernels().c_name##_f64, dy, y, dx, n);                             \
    }
SQUASH_DISPATCH_BACKWARD_FUNCTIONS(SQUASH_DISPATCH_BACKWARD_ENTRY_POINTS)
#undef SQUASH_DISPATCH_BACKWARD_ENTRY_POINTS

#define SQUASH_DISPATCH_TWO_OUTPUT_ENTRY_POINTS(c_name, object)                                   \
    int squash_##c_name##_f32(float const* z, float* y, float* g, size_t n) noexcept              \
    {                                                                                             \
        using namespace squash::dispatch_impl;                                                    \
        return run_two_outputs<float>(kernels().c_name##_f32, z, y, g, n);                        \
    }                                                                                             \
    int squash_##c_name##_f64(double const* z, double* y, double* g, size_t n) noexcept           \
    {                                                                                             \
        using namespace squash::dispatch_impl;                                                    \
        return run_two_outputs<double>(kernels().c_name##_f64, z, y, g, n);                       \
    }
SQUASH_DISPATCH_TWO_OUTPUT_FUNCTIONS(SQUASH_DISPATCH_TWO_OUTPUT_ENTRY_POINTS)
#undef SQUASH_DISPATCH_TWO_OUTPUT_ENTRY_POINTS

char const* squash_dispatch_isa(void) noexcept { return squash::dispatch_impl::kernels().isa; }

char const* squash_status_message(int status) noexcept
{
    switch (status) {
    case SQUASH_OK: return "success";
    case SQUASH_ERROR_OVERLAP:
        return "an output overlaps an input without being the same array (pass in == out for in place), or two "
               "outputs overlap; nothing was written";
    case SQUASH_ERROR_NULL_POINTER: return "a null input or output pointer with n > 0; nothing was written";
    default: return "unknown squash status";
    }
}
