// squash's dispatch library (issue 12: the compiled library squash::dispatch
// and its C API <squash/dispatch.h>, which picks SSE2, AVX2 or AVX-512 at run
// time) as the rows dispatch_range (exact tier) and dispatch_fast_range (fast
// tier), next to the header-only squash_range / fast_range of the same
// binary: the difference is the cost of the dispatched call. Compiled only
// when CMake has the target squash::dispatch (bench/CMakeLists.txt).
//
// The C API is written down in issue 12 but its details may still move, so
// this file adapts at compile time rather than breaking the build:
//  - a function may return void or an int status (0 = success; anything
//    else stops the run, since the output would not be what was timed);
//  - a function that <squash/dispatch.h> does not declare is left out: for
//    each name below a fallback template is declared that overload
//    resolution picks only when the C function is missing (a non-template
//    function that matches exactly always wins over a template).
// A new C function is one line in the table at the end.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <utility>

#include <squash/dispatch.h>

#include "registry.hpp"

namespace squash_bench {
struct absent_c_function {};
}  // namespace squash_bench

// The fallbacks must be in the global namespace, beside the C functions.
#define SQUASH_BENCH_C_FALLBACK(name)                        \
    template <class... Args>                                 \
    squash_bench::absent_c_function name(Args...);
SQUASH_BENCH_C_FALLBACK(squash_sigmoid_f32)
SQUASH_BENCH_C_FALLBACK(squash_sigmoid_f64)
SQUASH_BENCH_C_FALLBACK(squash_sigmoid_grad_f32)
SQUASH_BENCH_C_FALLBACK(squash_sigmoid_grad_f64)
SQUASH_BENCH_C_FALLBACK(squash_bipolar_sigmoid_f32)
SQUASH_BENCH_C_FALLBACK(squash_bipolar_sigmoid_f64)
SQUASH_BENCH_C_FALLBACK(squash_fast_sigmoid_f32)
SQUASH_BENCH_C_FALLBACK(squash_fast_sigmoid_f64)
SQUASH_BENCH_C_FALLBACK(squash_fast_sigmoid_grad_f32)
SQUASH_BENCH_C_FALLBACK(squash_fast_sigmoid_grad_f64)
SQUASH_BENCH_C_FALLBACK(squash_fast_bipolar_sigmoid_f32)
SQUASH_BENCH_C_FALLBACK(squash_fast_bipolar_sigmoid_f64)
SQUASH_BENCH_C_FALLBACK(squash_dispatch_isa)
#undef SQUASH_BENCH_C_FALLBACK

namespace squash_bench {
namespace {

[[noreturn]] void status_failed(char const* name, long status)
{
    std::fprintf(stderr, "%s returned status %ld (taken as an error: 0 is success)\n", name, status);
    std::abort();
}

// The pack keeps the call dependent, so that a missing squash_dispatch_isa
// is only an error if this branch is instantiated.
template <class... None>
char const* dispatch_isa_of()
{
    using result = decltype(::squash_dispatch_isa(None{}...));
    if constexpr (std::is_same_v<result, absent_c_function>) {
        return "the dispatch library's run-time choice (squash_dispatch_isa is not declared)";
    } else {
        static std::string const text = std::string("squash::dispatch chose ") + ::squash_dispatch_isa(None{}...);
        return text.c_str();
    }
}

char const* dispatch_isa() { return dispatch_isa_of<>(); }

// One C function as rows for element type T. Call calls it by name, so
// overload resolution (the C function, or the fallback when it is missing)
// happens on the real argument types.
template <class T, class Call>
struct c_registrar {
    using result = decltype(Call{}(std::declval<T const*>(), std::declval<T*>(), std::declval<std::size_t>()));

    static void run(T const* in, T* out, std::size_t n)
    {
        if constexpr (std::is_void_v<result>) {
            Call{}(in, out, n);
        } else {
            auto const status = Call{}(in, out, n);
            if (status != 0)
                status_failed(Call::name, static_cast<long>(status));
        }
    }

    c_registrar(char const* function, char const* row)
    {
        if constexpr (!std::is_same_v<result, absent_c_function>)
            registrar<T>(function, row, run, nullptr, dispatch_isa);
    }
};

// Calls a C function of the dispatch library by name.
#define SQUASH_BENCH_C_CALL(c_name)                                                      \
    struct call_##c_name {                                                               \
        [[maybe_unused]] static constexpr char const* name = #c_name;                    \
        template <class In, class Out>                                                   \
        auto operator()(In in, Out out, std::size_t n) const                             \
        {                                                                                \
            return ::c_name(in, out, n);                                                 \
        }                                                                                \
    };

#define SQUASH_BENCH_C_ROWS(function, row, f32, f64)                                                        \
    SQUASH_BENCH_C_CALL(f32)                                                                                 \
    SQUASH_BENCH_C_CALL(f64)                                                                                 \
    c_registrar<float, call_##f32> const rows_##f32{function, row};                                          \
    c_registrar<double, call_##f64> const rows_##f64{function, row};

SQUASH_BENCH_C_ROWS("sigmoid", "dispatch_range", squash_sigmoid_f32, squash_sigmoid_f64)
SQUASH_BENCH_C_ROWS("sigmoid_grad", "dispatch_range", squash_sigmoid_grad_f32, squash_sigmoid_grad_f64)
SQUASH_BENCH_C_ROWS("bipolar_sigmoid", "dispatch_range", squash_bipolar_sigmoid_f32, squash_bipolar_sigmoid_f64)
SQUASH_BENCH_C_ROWS("sigmoid", "dispatch_fast_range", squash_fast_sigmoid_f32, squash_fast_sigmoid_f64)
SQUASH_BENCH_C_ROWS("sigmoid_grad", "dispatch_fast_range", squash_fast_sigmoid_grad_f32,
                    squash_fast_sigmoid_grad_f64)
SQUASH_BENCH_C_ROWS("bipolar_sigmoid", "dispatch_fast_range", squash_fast_bipolar_sigmoid_f32,
                    squash_fast_bipolar_sigmoid_f64)

}  // namespace
}  // namespace squash_bench
