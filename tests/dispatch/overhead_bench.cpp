// tests/dispatch/overhead_bench.cpp: what the run-time dispatch costs. In one
// process, Google Benchmark times squash::dispatch's squash_<f>_f32/_f64
// (the library's choice, capped by SQUASH_ISA) and the header-only pointer
// form compiled for the same instruction set (overhead_header_only.cpp,
// -march=haswell and -march=skylake-avx512), at 1 Ki, 16 Ki and 1 Mi
// elements, inputs uniform on [-10, 10], output to a separate array. Not a
// test (no timing is asserted): build the target squash_dispatch_overhead
// and run it pinned, e.g.
//   taskset -c 1 build/tests/dispatch/squash_dispatch_overhead --benchmark_repetitions=5
//   SQUASH_ISA=avx2 taskset -c 1 build/tests/dispatch/squash_dispatch_overhead ...
#include <squash/dispatch.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

void header_only_avx2(int function, bool is_double, void const* in, void* out, std::size_t n);
void header_only_avx512(int function, bool is_double, void const* in, void* out, std::size_t n);

namespace {

template <class T>
std::vector<T> inputs(std::size_t n)
{
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<T> uniform(-10, 10);
    std::vector<T> z(n);
    for (auto& v : z)
        v = uniform(rng);
    return z;
}

template <class T>
void dispatched(benchmark::State& state, int function)
{
    auto const n = static_cast<std::size_t>(state.range(0));
    auto const z = inputs<T>(n);
    std::vector<T> out(n);
    for (auto _ : state) {
        int status = 0;
        if constexpr (std::is_same_v<T, float>)
            status = function == 0 ? squash_sigmoid_f32(z.data(), out.data(), n)
                                   : function == 1 ? squash_sigmoid_grad_f32(z.data(), out.data(), n)
                                                   : squash_bipolar_sigmoid_f32(z.data(), out.data(), n);
        else
            status = function == 0 ? squash_sigmoid_f64(z.data(), out.data(), n)
                                   : function == 1 ? squash_sigmoid_grad_f64(z.data(), out.data(), n)
                                                   : squash_bipolar_sigmoid_f64(z.data(), out.data(), n);
        benchmark::DoNotOptimize(status);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
    state.SetLabel(squash_dispatch_isa());
}

template <class T>
void header_only(benchmark::State& state, int function, void (*run)(int, bool, void const*, void*, std::size_t))
{
    auto const n = static_cast<std::size_t>(state.range(0));
    auto const z = inputs<T>(n);
    std::vector<T> out(n);
    for (auto _ : state) {
        run(function, std::is_same_v<T, double>, z.data(), out.data(), n);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

char const* const function_names[] = {"sigmoid", "sigmoid_grad", "bipolar_sigmoid"};

int register_all()
{
    char const* cap = std::getenv("SQUASH_ISA");
    bool const avx2 = cap != nullptr && std::strcmp(cap, "avx2") == 0;
    auto* run = avx2 ? header_only_avx2 : header_only_avx512;
    std::string const isa = avx2 ? "avx2" : "avx512";
    for (int function = 0; function < 3; ++function) {
        std::string const name = function_names[function];
        for (auto* b : {benchmark::RegisterBenchmark((name + "_f32/dispatch").c_str(), dispatched<float>, function),
                        benchmark::RegisterBenchmark((name + "_f32/header_only_" + isa).c_str(), header_only<float>,
                                                     function, run),
                        benchmark::RegisterBenchmark((name + "_f64/dispatch").c_str(), dispatched<double>, function),
                        benchmark::RegisterBenchmark((name + "_f64/header_only_" + isa).c_str(), header_only<double>,
                                                     function, run)})
            b->Arg(1 << 10)->Arg(1 << 14)->Arg(1 << 20);
    }
    return 0;
}

int const registered = register_all();

}  // namespace

BENCHMARK_MAIN();
