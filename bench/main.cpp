// squash benchmarks: registers every implementation in the registry at every
// array size, then hands over to Google Benchmark. Benchmark names are
//   <function>/<float|double>/<implementation>/<elements>
// and report items/s (elements) and bytes/s (bytes read + bytes written).
//
// With --icount=<function>/<type>/<implementation>/<elements>/<repeats> it
// instead runs that implementation <repeats> times, untimed: for counting
// instructions under valgrind --tool=callgrind, where timings mean nothing
// (bench/compare --callgrind takes the difference of two repeat counts, so
// setup cancels out).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>
#include <xsimd/xsimd.hpp>

#include "buffers.hpp"
#include "registry.hpp"

#ifndef SQUASH_BENCH_BUILD
#define SQUASH_BENCH_BUILD "unnamed"
#endif
#ifndef SQUASH_BENCH_FLAGS
#define SQUASH_BENCH_FLAGS ""
#endif

namespace squash_bench {
namespace {

constexpr std::size_t sizes[] = {1u << 10, 1u << 12, 1u << 14, 1u << 16, 1u << 18, 1u << 20, 1u << 22, 1u << 24};

// The one place that touches Google Benchmark API that changed between
// versions: 1.8 deprecated DoNotOptimize on a const reference, so the
// output pointer is passed as a non-const lvalue, which 1.7 and 1.9 accept.
template <class T>
void keep_output(T* out)
{
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
}

// Refuses to run a build whose instruction set the CPU lacks. The static
// initializers that fill the registry run before main and could already
// contain such instructions, so bench/compare checks /proc/cpuinfo too and
// never starts such a binary; this is the second line of defence.
bool cpu_can_run(std::string_view build)
{
    __builtin_cpu_init();
    if (build == "avx2")
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (build == "avx512")
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
    return true;
}

template <class T>
char const* type_name()
{
    return sizeof(T) == 4 ? "float" : "double";
}

template <class T>
void time_implementation(benchmark::State& state, implementation<T> const& impl, std::size_t n)
{
    T const* in = input_array<T>();
    T* out = output_array<T>();
    if (impl.prepare != nullptr)
        impl.prepare(in, out, n);
    for (auto _ : state) {
        impl.run(in, out, n);
        keep_output(out);
    }
    auto const iterations = static_cast<std::int64_t>(state.iterations());
    state.SetItemsProcessed(iterations * static_cast<std::int64_t>(n));
    state.SetBytesProcessed(iterations * static_cast<std::int64_t>(2 * n * sizeof(T)));
}

// A benchmark of an implementation that computes the wrong thing (a peer
// called through the wrong API, a broken build) would be worthless, so each
// one is first checked against long double arithmetic. The bound is loose,
// 1e-5 absolute: this catches wrong results, not ulp differences.
template <class T>
bool results_are_plausible(implementation<T> const& impl)
{
    constexpr std::size_t n = 4096;
    T const* in = input_array<T>();
    T* out = output_array<T>();
    if (impl.prepare != nullptr)
        impl.prepare(in, out, n);
    impl.run(in, out, n);
    long double worst = 0;
    for (std::size_t i = 0; i < n; ++i) {
        long double const z = in[i];
        long double const s = 1.0L / (1.0L + std::exp(-z));
        long double expected = z;  // copy
        if (impl.function == "sigmoid")
            expected = s;
        else if (impl.function == "sigmoid_grad")
            expected = s * (1.0L - s);
        else if (impl.function == "bipolar_sigmoid")
            expected = std::tanh(z / 2);
        long double const error = std::fabs(static_cast<long double>(out[i]) - expected);
        if (!(error <= worst))  // also catches NaN
            worst = error;
    }
    if (worst <= 1e-5L)
        return true;
    std::fprintf(stderr, "%s/%s/%s: wrong results, error up to %Lg\n", impl.function.c_str(), type_name<T>(),
                 impl.name.c_str(), worst);
    return false;
}

template <class T>
bool all_plausible()
{
    bool ok = true;
    for (auto const& impl : implementations<T>())
        ok = results_are_plausible(impl) && ok;
    return ok;
}

template <class T>
void register_all()
{
    for (auto const& impl : implementations<T>()) {
        for (std::size_t n : sizes) {
            std::string name = impl.function + "/" + type_name<T>() + "/" + impl.name + "/" + std::to_string(n);
            benchmark::RegisterBenchmark(name.c_str(), [&impl, n](benchmark::State& state) {
                time_implementation(state, impl, n);
            });
        }
    }
}

template <class T>
int count_instructions(std::string_view function, std::string_view impl_name, std::size_t n, long repeats)
{
    for (auto const& impl : implementations<T>()) {
        if (impl.function != function || impl.name != impl_name)
            continue;
        T const* in = input_array<T>();
        T* out = output_array<T>();
        if (impl.prepare != nullptr)
            impl.prepare(in, out, n);
        for (long r = 0; r < repeats; ++r) {
            impl.run(in, out, n);
            keep_output(out);
        }
        std::printf("ran %s/%s/%s %zu elements %ld times; out[n-1] = %.17g\n", std::string(function).c_str(),
                    type_name<T>(), impl.name.c_str(), n, repeats, static_cast<double>(out[n - 1]));
        return 0;
    }
    std::fprintf(stderr, "no implementation %s/%s/%s in this build\n", std::string(function).c_str(),
                 type_name<T>(), std::string(impl_name).c_str());
    return 2;
}

// --icount=function/type/implementation/elements/repeats
int icount_mode(char const* spec)
{
    char function[64], type[16], impl[64];
    unsigned long n = 0;
    long repeats = 0;
    if (std::sscanf(spec, "%63[^/]/%15[^/]/%63[^/]/%lu/%ld", function, type, impl, &n, &repeats) != 5 || n == 0 ||
        n > max_elements || repeats < 0) {
        std::fprintf(stderr, "usage: --icount=<function>/<float|double>/<implementation>/<elements>/<repeats>\n");
        return 2;
    }
    set_array_elements(n);
    if (std::strcmp(type, "float") == 0)
        return count_instructions<float>(function, impl, n, repeats);
    if (std::strcmp(type, "double") == 0)
        return count_instructions<double>(function, impl, n, repeats);
    std::fprintf(stderr, "type must be float or double, not %s\n", type);
    return 2;
}

}  // namespace
}  // namespace squash_bench

int main(int argc, char** argv)
{
    using namespace squash_bench;
    if (!cpu_can_run(SQUASH_BENCH_BUILD)) {
        std::printf("this CPU lacks %s: %s not run (skipped)\n", SQUASH_BENCH_BUILD, argv[0]);
        return 77;
    }
    constexpr std::string_view icount_flag = "--icount=";
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]).substr(0, icount_flag.size()) == icount_flag)
            return icount_mode(argv[i] + icount_flag.size());

    if (!all_plausible<float>() || !all_plausible<double>())
        return 1;
    register_all<float>();
    register_all<double>();
    benchmark::AddCustomContext("squash_build", SQUASH_BENCH_BUILD);
    benchmark::AddCustomContext("squash_build_flags", SQUASH_BENCH_FLAGS);
    benchmark::AddCustomContext("xsimd_arch", xsimd::default_arch::name());
    benchmark::AddCustomContext("inputs", input_description);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
