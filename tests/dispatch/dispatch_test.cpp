// tests/dispatch/dispatch_test.cpp: squash::dispatch through its C API, run
// once per SQUASH_ISA cap (and under valgrind). Checks, in this order:
//  1. first use from 8 threads at once: every thread gets correct results
//     and the same instruction set (the choice is made once);
//  2. the instruction set in use is the one SQUASH_ISA and this CPU call for
//     (this test reads the CPU itself); a cap this CPU cannot run exits 77,
//     ctest's "skipped", as tests/isa_gate.cpp does;
//  3. every function of the list, float and double, at every length up to
//     three unrolled passes of the widest batch plus a tail and at four
//     alignments, and on 100003 mixed inputs: bit for bit the header-only
//     pointer form built for that instruction set (reference_isa.cpp), out
//     of place and in place (in == out), nothing written outside the output;
//  4. partial overlap and null pointers return their error codes and write
//     nothing; n == 0 is a no-op whatever the pointers;
//  5. squash_status_message names each code;
//  6. the backward functions (dy, y -> dx) and the two-output ones
//     (z -> y, g) of the training functions: every length, bit for bit the header-only
//     pointer form, in place into each input, their overlap rules (dx partly
//     over dy or y, y and g overlapping or equal: SQUASH_ERROR_OVERLAP,
//     nothing written) and null pointers.
// Options: --forbid-isa NAME fails if NAME is in use (valgrind: no AVX-512);
// --expect-cap-warning checks the one stderr line about a bad SQUASH_ISA.
// Exit: 0 passed, 1 failed, 77 skipped.
#include <squash/dispatch.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "functions.hpp"
#include "support.hpp"
#include "table.hpp"

namespace dispatch_test {
extern squash::dispatch_impl::kernel_table const reference_sse2;
extern squash::dispatch_impl::kernel_table const reference_avx2;
extern squash::dispatch_impl::kernel_table const reference_avx512;
}  // namespace dispatch_test

namespace {

using namespace dispatch_test;

int failures = 0;

void fail(std::string const& what)
{
    if (++failures <= 20)
        std::printf("FAILED: %s\n", what.c_str());
}

// One function of the list: its name and both C entry points.
struct c_function {
    char const* name;
    int (*f32)(float const*, float*, size_t);
    int (*f64)(double const*, double*, size_t);
    squash::dispatch_impl::array_kernel<float> squash::dispatch_impl::kernel_table::*ref32;
    squash::dispatch_impl::array_kernel<double> squash::dispatch_impl::kernel_table::*ref64;
};

c_function const functions[] = {
#define C_FUNCTION(c_name, object)                                                                      \
    {#c_name, &squash_##c_name##_f32, &squash_##c_name##_f64, &squash::dispatch_impl::kernel_table::c_name##_f32, \
     &squash::dispatch_impl::kernel_table::c_name##_f64},
    SQUASH_DISPATCH_FUNCTIONS(C_FUNCTION)
#undef C_FUNCTION
};

template <class T>
auto entry(c_function const& f)
{
    if constexpr (std::is_same_v<T, float>)
        return f.f32;
    else
        return f.f64;
}

template <class T>
auto reference_kernel(c_function const& f, squash::dispatch_impl::kernel_table const& table)
{
    if constexpr (std::is_same_v<T, float>)
        return table.*(f.ref32);
    else
        return table.*(f.ref64);
}

template <class T>
char const* type_name()
{
    return std::is_same_v<T, float> ? "f32" : "f64";
}

template <class T>
bool all_canaries(T const* p, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        if (!same_bits(p[i], canary<T>()))
            return false;
    return true;
}

squash::dispatch_impl::kernel_table const* reference_for(char const* isa)
{
    if (std::strcmp(isa, "sse2") == 0)
        return &reference_sse2;
    if (std::strcmp(isa, "avx2") == 0)
        return &reference_avx2;
    if (std::strcmp(isa, "avx512") == 0)
        return &reference_avx512;
    fail(std::string("squash_dispatch_isa() = '") + isa + "', not sse2, avx2 or avx512");
    return nullptr;
}

// 1. The first call of the process, from 8 threads released together.
void check_concurrent_first_use()
{
    constexpr int thread_count = 8;
    constexpr std::size_t n = 4099;
    auto const z = mixed_inputs<float>(n, 1);
    std::atomic<int> waiting{thread_count};
    std::vector<std::vector<float>> results(thread_count, std::vector<float>(n));
    std::vector<char const*> isa(thread_count, nullptr);
    std::vector<int> status(thread_count, -1);
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t)
        threads.emplace_back([&, t] {
            waiting.fetch_sub(1);
            while (waiting.load() > 0) {
            }
            status[static_cast<std::size_t>(t)] = squash_sigmoid_f32(z.data(), results[static_cast<std::size_t>(t)].data(), n);
            isa[static_cast<std::size_t>(t)] = squash_dispatch_isa();
        });
    for (auto& thread : threads)
        thread.join();
    auto const* reference = reference_for(squash_dispatch_isa());
    if (reference == nullptr)
        return;  // reported by the caller
    std::vector<float> want(n);
    reference->sigmoid_f32(z.data(), want.data(), n);
    for (std::size_t t = 0; t < thread_count; ++t) {
        if (status[t] != SQUASH_OK)
            fail("concurrent first use: thread " + std::to_string(t) + " got status " + std::to_string(status[t]));
        if (isa[t] != isa[0])
            fail(std::string("concurrent first use: threads disagree on the instruction set: ") + isa[0] + " vs " +
                 isa[t]);
        if (first_difference(results[t].data(), want.data(), n) != n)
            fail("concurrent first use: thread " + std::to_string(t) + "'s results differ from the reference");
    }
}

// 3. Every length and alignment, out of place and in place, then one long
// array; 4. the errors.
template <class T>
void check_function(c_function const& f, squash::dispatch_impl::kernel_table const& reference)
{
    std::string const name = std::string("squash_") + f.name + "_" + type_name<T>();
    auto const call = entry<T>(f);
    auto const ref = reference_kernel<T>(f, reference);
    constexpr std::size_t longest = 3 * 4 * 16 + 1;  // three unrolled AVX-512 float passes and a tail
    constexpr std::size_t max_offset = 3, pad = 2 * max_offset + 2;
    std::size_t bad = 0;
    for (std::size_t n = 0; n <= longest; ++n) {
        auto const z = mixed_inputs<T>(n, 100 + n);
        std::vector<T> want(n);
        ref(z.data(), want.data(), n);
        for (std::size_t offset = 0; offset <= max_offset; ++offset) {
            std::vector<T> in(n + pad, canary<T>()), out(n + pad, canary<T>());
            std::copy(z.begin(), z.end(), in.begin() + static_cast<std::ptrdiff_t>(offset));
            int const status = call(in.data() + offset, out.data() + (max_offset - offset), n);
            std::size_t const o = max_offset - offset;
            bool ok = status == SQUASH_OK && first_difference(out.data() + o, want.data(), n) == n &&
                      all_canaries(out.data(), o) && all_canaries(out.data() + o + n, pad - o);
            // in == out: in place, the same results.
            int const status_in_place = call(in.data() + offset, in.data() + offset, n);
            ok = ok && status_in_place == SQUASH_OK && first_difference(in.data() + offset, want.data(), n) == n &&
                 all_canaries(in.data(), offset) && all_canaries(in.data() + offset + n, pad - offset);
            if (!ok && bad++ == 0) {
                std::size_t const i = first_difference(out.data() + o, want.data(), n);
                fail(name + ": length " + std::to_string(n) + ", offset " + std::to_string(offset) + ": status " +
                     std::to_string(status) + "/" + std::to_string(status_in_place) +
                     (i < n ? ", z = " + show(z[i]) + " gave " + show(out[o + i]) + ", reference " + show(want[i])
                            : std::string(", wrote outside the output or in-place result differs")));
            }
        }
    }

    // One long array of mixed inputs.
    constexpr std::size_t long_n = 100003;
    auto const z = mixed_inputs<T>(long_n, 7);
    std::vector<T> got(long_n), want(long_n);
    ref(z.data(), want.data(), long_n);
    if (call(z.data(), got.data(), long_n) != SQUASH_OK)
        fail(name + ": a valid call failed");
    std::size_t const i = first_difference(got.data(), want.data(), long_n);
    if (i != long_n)
        fail(name + ": z = " + show(z[i]) + " gave " + show(got[i]) + ", the header-only form " + show(want[i]));

    // Partial overlap, either way, by 1 and by n - 1: an error, nothing written.
    constexpr std::size_t n = 16;
    for (std::ptrdiff_t shift : {std::ptrdiff_t(1), std::ptrdiff_t(-1), std::ptrdiff_t(n - 1), -std::ptrdiff_t(n - 1)}) {
        auto buffer = mixed_inputs<T>(3 * n, 3);
        auto const before = buffer;
        T* base = buffer.data() + n;
        int const status = call(base, base + shift, n);
        bool unchanged = true;
        for (std::size_t k = 0; k < buffer.size(); ++k)
            unchanged = unchanged && same_bits(buffer[k], before[k]);
        if (status != SQUASH_ERROR_OVERLAP || !unchanged)
            fail(name + ": overlap by " + std::to_string(shift) + " gave status " + std::to_string(status) +
                 (unchanged ? "" : " and wrote to memory"));
    }
    // Adjacent but disjoint is fine.
    {
        auto buffer = mixed_inputs<T>(2 * n, 4);
        if (call(buffer.data(), buffer.data() + n, n) != SQUASH_OK)
            fail(name + ": adjacent disjoint arrays were rejected");
    }
    // Null pointers: an error with n > 0, nothing to do with n == 0.
    std::vector<T> in(4, T(1)), out(4, canary<T>());
    if (call(nullptr, out.data(), out.size()) != SQUASH_ERROR_NULL_POINTER || !all_canaries(out.data(), out.size()))
        fail(name + ": a null input with n > 0 was not rejected");
    if (call(in.data(), nullptr, in.size()) != SQUASH_ERROR_NULL_POINTER)
        fail(name + ": a null output with n > 0 was not rejected");
    if (call(nullptr, nullptr, 0) != SQUASH_OK || call(in.data(), out.data(), 0) != SQUASH_OK ||
        !all_canaries(out.data(), out.size()))
        fail(name + ": n == 0 was not a no-op");
}

// 6. The three-array functions.
template <class T>
bool unchanged(std::vector<T> const& a, std::vector<T> const& b)
{
    for (std::size_t k = 0; k < a.size(); ++k)
        if (!same_bits(a[k], b[k]))
            return false;
    return true;
}

template <class T>
using backward_entry = int (*)(T const*, T const*, T*, size_t);
template <class T>
using two_output_entry = int (*)(T const*, T*, T*, size_t);

template <class T>
void check_backward(char const* c_name, backward_entry<T> call, squash::dispatch_impl::backward_kernel<T> ref)
{
    std::string const name = std::string("squash_") + c_name + "_" + type_name<T>();
    std::size_t bad = 0;
    for (std::size_t n = 0; n <= 3 * 4 * 16 + 1; ++n) {
        auto const dy = mixed_inputs<T>(n, 500 + n);
        auto y = mixed_inputs<T>(n, 600 + n);
        for (auto& v : y)  // forward outputs: mostly in [-1, 1]
            v = std::isfinite(v) ? T(v / (1 + std::fabs(v))) : v;
        std::vector<T> want(n), got(n + 2, canary<T>()), a = dy, b = y;
        ref(dy.data(), y.data(), want.data(), n);
        bool ok = call(dy.data(), y.data(), got.data() + 1, n) == SQUASH_OK &&
                  first_difference(got.data() + 1, want.data(), n) == n && all_canaries(got.data(), 1) &&
                  all_canaries(got.data() + n + 1, 1);
        ok = ok && call(a.data(), y.data(), a.data(), n) == SQUASH_OK && first_difference(a.data(), want.data(), n) == n;
        ok = ok && call(dy.data(), b.data(), b.data(), n) == SQUASH_OK && first_difference(b.data(), want.data(), n) == n;
        if (!ok && bad++ == 0)
            fail(name + ": length " + std::to_string(n) + " differs from the header-only form or wrote outside dx");
    }
    constexpr std::size_t n = 16;
    for (std::ptrdiff_t shift : {std::ptrdiff_t(1), std::ptrdiff_t(-1), std::ptrdiff_t(n - 1), -std::ptrdiff_t(n - 1)}) {
        auto buffer = mixed_inputs<T>(4 * n, 8);
        auto const before = buffer;
        T* base = buffer.data() + n;
        int const into_dy = call(base, base + 2 * n, base + shift, n);
        int const into_y = call(base + 2 * n, base, base + shift, n);
        if (into_dy != SQUASH_ERROR_OVERLAP || into_y != SQUASH_ERROR_OVERLAP || !unchanged(buffer, before))
            fail(name + ": dx partly over dy or y by " + std::to_string(shift) + " was not rejected, or wrote");
    }
    {
        auto buffer = mixed_inputs<T>(4 * n, 9);
        T* base = buffer.data() + n;
        if (call(base, base + 1, base + 2 * n, n) != SQUASH_OK)  // dy and y overlap: both only read
            fail(name + ": overlapping inputs dy and y were rejected");
    }
    std::vector<T> in(4, T(0.5)), out(4, canary<T>());
    if (call(nullptr, in.data(), out.data(), 4) != SQUASH_ERROR_NULL_POINTER ||
        call(in.data(), nullptr, out.data(), 4) != SQUASH_ERROR_NULL_POINTER ||
        call(in.data(), in.data(), nullptr, 4) != SQUASH_ERROR_NULL_POINTER || !all_canaries(out.data(), 4) ||
        call(nullptr, nullptr, nullptr, 0) != SQUASH_OK)
        fail(name + ": null pointers were not rejected, or n == 0 was not a no-op");
}

template <class T>
void check_two_outputs(char const* c_name, two_output_entry<T> call, squash::dispatch_impl::two_output_kernel<T> ref)
{
    std::string const name = std::string("squash_") + c_name + "_" + type_name<T>();
    std::size_t bad = 0;
    for (std::size_t n = 0; n <= 3 * 4 * 16 + 1; ++n) {
        auto const z = mixed_inputs<T>(n, 700 + n);
        std::vector<T> want_y(n), want_g(n), y(n + 2, canary<T>()), g(n + 2, canary<T>()), a = z, b = z, other(n);
        ref(z.data(), want_y.data(), want_g.data(), n);
        bool ok = call(z.data(), y.data() + 1, g.data() + 1, n) == SQUASH_OK &&
                  first_difference(y.data() + 1, want_y.data(), n) == n &&
                  first_difference(g.data() + 1, want_g.data(), n) == n && all_canaries(y.data(), 1) &&
                  all_canaries(g.data() + n + 1, 1);
        ok = ok && call(a.data(), a.data(), other.data(), n) == SQUASH_OK &&
             first_difference(a.data(), want_y.data(), n) == n;
        ok = ok && call(b.data(), other.data(), b.data(), n) == SQUASH_OK &&
             first_difference(b.data(), want_g.data(), n) == n;
        if (!ok && bad++ == 0)
            fail(name + ": length " + std::to_string(n) + " differs from the header-only form or wrote outside");
    }
    constexpr std::size_t n = 16;
    auto buffer = mixed_inputs<T>(4 * n, 10);
    auto const before = buffer;
    T* base = buffer.data() + n;
    if (call(base, base + 2 * n, base + 2 * n, n) != SQUASH_ERROR_OVERLAP ||      // y == g
        call(base, base + 2 * n, base + 2 * n + 3, n) != SQUASH_ERROR_OVERLAP ||  // y, g overlap
        call(base, base + 1, base + 2 * n, n) != SQUASH_ERROR_OVERLAP ||          // y partly over z
        call(base, base + 2 * n, base - 1, n) != SQUASH_ERROR_OVERLAP || !unchanged(buffer, before))
        fail(name + ": an overlap was not rejected, or the call wrote");
    if (call(nullptr, base, base + n, n) != SQUASH_ERROR_NULL_POINTER || call(nullptr, nullptr, nullptr, 0) != SQUASH_OK)
        fail(name + ": a null pointer was not rejected, or n == 0 was not a no-op");
}

void check_training_functions(squash::dispatch_impl::kernel_table const& reference)
{
#define CHECK_BACKWARD(c_name, object)                                                 \
    check_backward<float>(#c_name, &squash_##c_name##_f32, reference.c_name##_f32);  \
    check_backward<double>(#c_name, &squash_##c_name##_f64, reference.c_name##_f64);
    SQUASH_DISPATCH_BACKWARD_FUNCTIONS(CHECK_BACKWARD)
#undef CHECK_BACKWARD
#define CHECK_TWO_OUTPUTS(c_name, object)                                                 \
    check_two_outputs<float>(#c_name, &squash_##c_name##_f32, reference.c_name##_f32);  \
    check_two_outputs<double>(#c_name, &squash_##c_name##_f64, reference.c_name##_f64);
    SQUASH_DISPATCH_TWO_OUTPUT_FUNCTIONS(CHECK_TWO_OUTPUTS)
#undef CHECK_TWO_OUTPUTS
}

// SQUASH_ISA as dispatch.h documents it: unset or empty, no cap; a known
// name, that cap; anything else, sse2.
level cap_from_environment()
{
    char const* text = std::getenv("SQUASH_ISA");
    if (text == nullptr || *text == '\0')
        return level::avx512;
    for (int l = 0; l < 3; ++l)
        if (std::strcmp(text, level_names[l]) == 0)
            return static_cast<level>(l);
    return level::sse2;
}

// Sends stderr to a temporary file until `release`, which returns what was
// written: for the one warning line about a bad SQUASH_ISA.
class stderr_capture {
public:
    stderr_capture() : file_(std::tmpfile()), saved_(dup(2))
    {
        std::fflush(stderr);
        dup2(fileno(file_), 2);
    }
    std::string release()
    {
        std::fflush(stderr);
        dup2(saved_, 2);
        close(saved_);
        std::string text;
        std::rewind(file_);
        for (int c = std::fgetc(file_); c != EOF; c = std::fgetc(file_))
            text.push_back(static_cast<char>(c));
        std::fclose(file_);
        return text;
    }

private:
    std::FILE* file_;
    int saved_;
};

}  // namespace

int main(int argc, char** argv)
{
    char const* forbidden = nullptr;
    bool expect_cap_warning = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--forbid-isa") == 0 && i + 1 < argc)
            forbidden = argv[++i];
        else if (std::strcmp(argv[i], "--expect-cap-warning") == 0)
            expect_cap_warning = true;
        else {
            std::fprintf(stderr, "usage: %s [--forbid-isa NAME] [--expect-cap-warning]\n", argv[0]);
            return 2;
        }
    }

    level const cap = cap_from_environment();
    level const cpu = cpu_level();
    char const* const env = std::getenv("SQUASH_ISA");
    std::printf("SQUASH_ISA=%s, this CPU: %s\n", env ? env : "(unset)", name_of(cpu));
    if (env != nullptr && static_cast<int>(cap) > static_cast<int>(cpu) &&
        (std::strcmp(env, "avx2") == 0 || std::strcmp(env, "avx512") == 0)) {
        std::printf("dispatch_test: this CPU lacks %s; the SQUASH_ISA=%s run is skipped\n", env, env);
        return 77;
    }

    // 1. Concurrent first use (before anything else calls the library).
    stderr_capture* capture = expect_cap_warning ? new stderr_capture : nullptr;
    check_concurrent_first_use();
    if (capture != nullptr) {
        std::string const text = capture->release();
        delete capture;
        std::printf("stderr at first use: %s", text.empty() ? "(nothing)\n" : text.c_str());
        if (text.find("SQUASH_ISA=") == std::string::npos || text.find("using sse2") == std::string::npos)
            fail("no warning line about the bad SQUASH_ISA value");
        if (text.find('\n') != text.size() - 1)
            fail("the warning about SQUASH_ISA is not exactly one line (printed once)");
    }

    // 2. The instruction set in use.
    level const want = static_cast<int>(cap) < static_cast<int>(cpu) ? cap : cpu;
    char const* const isa = squash_dispatch_isa();
    std::printf("squash_dispatch_isa() = %s (expected %s)\n", isa, name_of(want));
    if (std::strcmp(isa, name_of(want)) != 0)
        fail(std::string("instruction set in use: ") + isa + ", expected " + name_of(want));
    if (forbidden != nullptr && std::strcmp(isa, forbidden) == 0)
        fail(std::string("the library chose ") + isa + ", which this run forbids");

    // 3, 4. Every function against the header-only form for that level.
    if (auto const* reference = reference_for(isa)) {
        for (auto const& f : functions) {
            check_function<float>(f, *reference);
            check_function<double>(f, *reference);
        }
        check_training_functions(*reference);
        std::printf("checked %zu functions, float and double, and the three-array ones, against the %s reference "
                    "(%s)\n",
                    sizeof functions / sizeof functions[0], isa, reference->isa);
    }

    // 5. Status messages.
    char const* ok = squash_status_message(SQUASH_OK);
    char const* overlap = squash_status_message(SQUASH_ERROR_OVERLAP);
    char const* null_pointer = squash_status_message(SQUASH_ERROR_NULL_POINTER);
    char const* unknown = squash_status_message(12345);
    if (!ok || !overlap || !null_pointer || !unknown || std::strstr(overlap, "overlap") == nullptr ||
        std::strstr(null_pointer, "null") == nullptr || std::strcmp(ok, unknown) == 0)
        fail("squash_status_message does not describe the codes");

    if (failures != 0) {
        std::printf("dispatch_test: %d failure(s)\n", failures);
        return 1;
    }
    std::printf("dispatch_test: all checks passed (%s)\n", isa);
    return 0;
}
