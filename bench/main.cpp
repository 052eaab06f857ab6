// squash benchmarks: checks every implementation in the registry, registers
// it for every input set and array size, then hands over to Google
// Benchmark. Benchmark names are
//   <function>/<float|double>/<implementation>/<input set>/<elements>
// and report items/s (elements) and bytes/s (bytes read + bytes written).
//
// With --icount=<function>/<type>/<implementation>/<input set>/<elements>/<repeats>
// it instead runs that implementation <repeats> times, untimed: for counting
// instructions under valgrind --tool=callgrind, where timings mean nothing
// (bench/compare takes the difference of two repeat counts, so setup cancels).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>
#include <xsimd/xsimd.hpp>

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define SQUASH_BENCH_HAS_MXCSR 1
#endif

#include "functions.hpp"
#include "inputs.hpp"
#include "registry.hpp"

#ifndef SQUASH_BENCH_BUILD
#define SQUASH_BENCH_BUILD "unnamed"
#endif
#ifndef SQUASH_BENCH_FLAGS
#define SQUASH_BENCH_FLAGS ""
#endif

namespace squash_bench {
namespace {

// How many elements of each input set the plausibility check looks at:
// every pattern of the sets repeats well within it.
constexpr std::size_t checked_elements = 4096;
// The plausibility bound: |result - reference| <= bound * max(1, |reference|).
// It catches wrong results (a peer called through the wrong API, NaN for
// some inputs), not ulp differences.
constexpr long double plausibility_bound = 1e-5L;

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
function_info const& info_of(implementation<T> const& impl)
{
    function_info const* info = find_function(impl.function.c_str());
    if (info == nullptr) {
        std::fprintf(stderr, "row %s/%s: unknown function; add it to bench/functions.hpp\n", impl.function.c_str(),
                     impl.name.c_str());
        std::exit(2);
    }
    bool const shape_matches = (info->form == shape::unary && impl.unary != nullptr) ||
                               (info->form == shape::backward && impl.backward != nullptr) ||
                               (info->form == shape::two_outputs && impl.two_outputs != nullptr);
    if (!shape_matches) {
        std::fprintf(stderr, "row %s/%s: registered with the wrong shape for its function (functions.hpp)\n",
                     impl.function.c_str(), impl.name.c_str());
        std::exit(2);
    }
    return *info;
}

// A function is timed when squash has a row for it (registry.hpp, is_own),
// and memcpy always.
bool function_is_timed(std::string const& function)
{
    if (function == "copy")
        return true;
    for (auto const& impl : implementations<float>())
        if (impl.function == function && is_own(impl.name))
            return true;
    for (auto const& impl : implementations<double>())
        if (impl.function == function && is_own(impl.name))
            return true;
    return false;
}

bool set_applies(function_info const& info, std::size_t set_index) { return info.every_input_set || set_index == 0; }

// The arrays one implementation reads and writes for one input set.
template <class T>
struct operands {
    T const* z;
    T const* dy;      // backward
    T const* y;       // backward: the forward output for z
    T const* second;  // backward: y or z, as the implementation takes it
    T* out;
    T* out2;  // two_outputs
};

template <class T>
operands<T> operands_for(implementation<T> const& impl, function_info const& info, input_set const& set,
                         std::size_t n)
{
    operands<T> a{z_array<T>(set), nullptr, nullptr, nullptr, output_array<T>(), nullptr};
    if (info.form == shape::backward) {
        a.dy = dy_array<T>();
        a.y = y_array<T>(set, info, n);
        a.second = impl.second == second_operand::y ? a.y : a.z;
    }
    if (info.form == shape::two_outputs)
        a.out2 = output2_array<T>();
    return a;
}

template <class T>
void run_once(implementation<T> const& impl, operands<T> const& a, std::size_t n)
{
    if (impl.unary != nullptr)
        impl.unary(a.z, a.out, n);
    else if (impl.backward != nullptr)
        impl.backward(a.dy, a.second, a.out, n);
    else
        impl.two_outputs(a.z, a.out, a.out2, n);
}

template <class T>
void time_implementation(benchmark::State& state, implementation<T> const& impl, function_info const& info,
                         input_set const& set, std::size_t n)
{
    operands<T> const a = operands_for(impl, info, set, n);
    if (impl.prepare != nullptr)
        impl.prepare(a.z, a.out, n);
    std::int64_t arrays = 2;  // read and written per element
    if (impl.unary != nullptr) {
        for (auto _ : state) {
            impl.unary(a.z, a.out, n);
            keep_output(a.out);
        }
    } else if (impl.backward != nullptr) {
        arrays = 3;
        for (auto _ : state) {
            impl.backward(a.dy, a.second, a.out, n);
            keep_output(a.out);
        }
    } else {
        arrays = 3;
        for (auto _ : state) {
            impl.two_outputs(a.z, a.out, a.out2, n);
            keep_output(a.out);
            keep_output(a.out2);
        }
    }
    auto const iterations = static_cast<std::int64_t>(state.iterations());
    state.SetItemsProcessed(iterations * static_cast<std::int64_t>(n));
    state.SetBytesProcessed(iterations * arrays * static_cast<std::int64_t>(n * sizeof(T)));
}

// Relative to max(1, |reference|); an infinite reference must be met exactly.
long double plausibility_error(long double result, long double expected)
{
    if (std::isinf(expected))
        return result == expected ? 0.0L : INFINITY;
    long double const e = std::fabs(result - expected) / std::max(1.0L, std::fabs(expected));
    return std::isnan(e) ? INFINITY : e;
}

// A benchmark of an implementation that computes the wrong thing (a peer
// called through the wrong API, a broken build) would be worthless, so each
// one is first run on the start of each input set it is timed on and
// checked against long double arithmetic. Returns what is wrong, or "".
// It also checks that the implementation leaves the floating-point mode
// (MXCSR: flush-to-zero, rounding) as it found it, since a leaked
// flush-to-zero would speed up every row timed after it.
template <class T>
std::string check_results(implementation<T> const& impl, function_info const& info, input_set const& set)
{
    std::size_t const n = std::min(checked_elements, largest_size(set));
    operands<T> const a = operands_for(impl, info, set, n);
#ifdef SQUASH_BENCH_HAS_MXCSR
    unsigned const mode_before = _mm_getcsr();
#endif
    if (impl.prepare != nullptr)
        impl.prepare(a.z, a.out, n);
    run_once(impl, a, n);
#ifdef SQUASH_BENCH_HAS_MXCSR
    unsigned const mode_after = _mm_getcsr();
    // The exception flags (bits 0-5) are sticky status, not mode.
    constexpr unsigned status_flags = 0x3f;
    if ((mode_before & ~status_flags) != (mode_after & ~status_flags)) {
        _mm_setcsr(mode_before);
        char text[128];
        std::snprintf(text, sizeof text, "changed the floating-point mode (MXCSR %#x -> %#x)", mode_before,
                      mode_after);
        return text;
    }
#endif
    long double worst = 0;
    std::size_t worst_at = 0;
    for (std::size_t i = 0; i < n; ++i) {
        long double error = 0;
        if (info.form == shape::backward) {
            error = plausibility_error(a.out[i], info.reference(a.dy[i], a.y[i]));
        } else {
            error = plausibility_error(a.out[i], info.reference(a.z[i], 0));
            if (info.form == shape::two_outputs)
                error = std::max(error, plausibility_error(a.out2[i], info.companion(a.z[i])));
        }
        if (error > worst) {
            worst = error;
            worst_at = i;
        }
    }
    if (worst <= plausibility_bound)
        return "";
    char text[160];
    std::snprintf(text, sizeof text, "wrong results: relative error %Lg at z = %.9g (element %zu)", worst,
                  static_cast<double>(a.z[worst_at]), worst_at);
    return text;
}

template <class T>
std::string row_name(implementation<T> const& impl, input_set const& set)
{
    return impl.function + "/" + type_name<T>() + "/" + impl.name + "/" + set.name;
}

// (implementation, set) pairs left out because a peer's results were wrong.
std::vector<std::string> excluded;

template <class T>
bool is_excluded(implementation<T> const& impl, input_set const& set)
{
    return std::find(excluded.begin(), excluded.end(), row_name(impl, set)) != excluded.end();
}

// Checks every row that would be timed. A wrong peer is left out of that
// input set and reported; a wrong row of squash's own stops the run.
template <class T>
bool check_all(std::string& report)
{
    bool ok = true;
    auto const& sets = input_sets();
    for (auto const& impl : implementations<T>()) {
        function_info const& info = info_of(impl);
        if (!function_is_timed(impl.function))
            continue;
        for (std::size_t s = 0; s < sets.size(); ++s) {
            if (!set_applies(info, s))
                continue;
            std::string const problem = check_results(impl, info, sets[s]);
            if (problem.empty())
                continue;
            std::string const line = row_name(impl, sets[s]) + ": " + problem;
            std::fprintf(stderr, "%s%s\n", line.c_str(), is_own(impl.name) ? "" : " (peer left out of this input set)");
            if (is_own(impl.name)) {
                ok = false;
            } else {
                excluded.push_back(row_name(impl, sets[s]));
                report += (report.empty() ? "" : "; ") + line;
            }
        }
    }
    return ok;
}

// Registered set by set, size by size, so that the rows a ratio compares
// run close together in time even without random interleaving.
void register_all()
{
    auto const& sets = input_sets();
    for (std::size_t s = 0; s < sets.size(); ++s) {
        for (std::size_t n : sets[s].sizes) {
            auto const& reduced = sets[s].reduced_sizes;
            bool const reduced_size = std::find(reduced.begin(), reduced.end(), n) != reduced.end();
            for (auto const& function : functions) {
                if (!set_applies(function, s) || !function_is_timed(function.name))
                    continue;
                if (!function.every_size && !reduced_size)
                    continue;
                auto add = [&](auto const& list) {
                    for (auto const& impl : list) {
                        if (impl.function != function.name || is_excluded(impl, sets[s]))
                            continue;
                        std::string const name = row_name(impl, sets[s]) + "/" + std::to_string(n);
                        input_set const& set = sets[s];
                        function_info const& info = function;
                        benchmark::RegisterBenchmark(name.c_str(), [&impl, &info, &set, n](benchmark::State& state) {
                            time_implementation(state, impl, info, set, n);
                        });
                    }
                };
                add(implementations<float>());
                add(implementations<double>());
            }
        }
    }
}

// The instruction set each row ran, for the report: "isa/<implementation>".
template <class T>
void add_isa_context(std::vector<std::string>& seen)
{
    for (auto const& impl : implementations<T>()) {
        if (std::find(seen.begin(), seen.end(), impl.name) != seen.end())
            continue;
        seen.push_back(impl.name);
        std::string const isa =
            impl.isa != nullptr ? impl.isa() : std::string("xsimd ") + xsimd::default_arch::name();
        benchmark::AddCustomContext("isa/" + impl.name, isa);
    }
}

template <class T>
int count_instructions(std::string_view function, std::string_view impl_name, input_set const& set, std::size_t n,
                       long repeats)
{
    for (auto const& impl : implementations<T>()) {
        if (impl.function != function || impl.name != impl_name)
            continue;
        function_info const& info = info_of(impl);
        operands<T> const a = operands_for(impl, info, set, n);
        if (impl.prepare != nullptr)
            impl.prepare(a.z, a.out, n);
        for (long r = 0; r < repeats; ++r) {
            run_once(impl, a, n);
            keep_output(a.out);
        }
        std::printf("ran %s/%s/%s/%s %zu elements %ld times; out[n-1] = %.17g\n", impl.function.c_str(),
                    type_name<T>(), impl.name.c_str(), set.name, n, repeats, static_cast<double>(a.out[n - 1]));
        return 0;
    }
    std::fprintf(stderr, "no implementation %s/%s/%s in this build\n", std::string(function).c_str(), type_name<T>(),
                 std::string(impl_name).c_str());
    return 2;
}

// --icount=function/type/implementation/set/elements/repeats
int icount_mode(char const* spec)
{
    char function[64], type[16], impl[64], set_name[32];
    unsigned long n = 0;
    long repeats = 0;
    if (std::sscanf(spec, "%63[^/]/%15[^/]/%63[^/]/%31[^/]/%lu/%ld", function, type, impl, set_name, &n,
                    &repeats) != 6 ||
        n == 0 || repeats < 0) {
        std::fprintf(stderr,
                     "usage: --icount=<function>/<float|double>/<implementation>/<input set>/<elements>/<repeats>\n");
        return 2;
    }
    input_set const* set = nullptr;
    for (auto const& s : input_sets())
        if (std::strcmp(s.name, set_name) == 0)
            set = &s;
    if (set == nullptr || n > largest_size(*set)) {
        std::fprintf(stderr, "no input set %s, or more than its %zu elements\n", set_name,
                     set ? largest_size(*set) : std::size_t(0));
        return 2;
    }
    set_array_elements(n);
    if (std::strcmp(type, "float") == 0)
        return count_instructions<float>(function, impl, *set, n, repeats);
    if (std::strcmp(type, "double") == 0)
        return count_instructions<double>(function, impl, *set, n, repeats);
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

    std::string excluded_report;
    bool const float_ok = check_all<float>(excluded_report);
    bool const double_ok = check_all<double>(excluded_report);
    if (!float_ok || !double_ok)
        return 1;
    register_all();
    benchmark::AddCustomContext("squash_build", SQUASH_BENCH_BUILD);
    benchmark::AddCustomContext("squash_build_flags", SQUASH_BENCH_FLAGS);
    benchmark::AddCustomContext("xsimd_arch", xsimd::default_arch::name());
    for (auto const& set : input_sets())
        benchmark::AddCustomContext(std::string("input_set/") + set.name, set.description);
    benchmark::AddCustomContext("excluded", excluded_report.empty() ? "none" : excluded_report);
    std::vector<std::string> seen;
    add_isa_context<float>(seen);
    add_isa_context<double>(seen);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
