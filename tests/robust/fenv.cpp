// Floating-point exceptions: for any input but NaN, no call of any function
// in any form may raise overflow, invalid or divide-by-zero (inexact and
// underflow are the honest outcome of rounding and tiny results). Checked
// twice: reading the sticky flags after every call, and with those three
// exceptions trapping (SIGFPE), which also catches a flag raised and then
// cleared inside a call.
//
// GCC has no FENV_ACCESS, so each result is forced to memory (keep) before
// the flags are read; otherwise the arithmetic could move past fetestexcept.
#include <array>
#include <cfenv>
#include <csignal>
#include <cstdio>
#include <span>
#include <string>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catch.hpp"
#include "robust_support.hpp"

namespace {

constexpr int watched = FE_OVERFLOW | FE_INVALID | FE_DIVBYZERO;

template <class V>
inline void keep(V const& value)
{
    asm volatile("" : : "m"(value), "r"(&value) : "memory");
}

std::string flag_names(int raised)
{
    std::string names;
    if (raised & FE_OVERFLOW)
        names += " FE_OVERFLOW";
    if (raised & FE_INVALID)
        names += " FE_INVALID";
    if (raised & FE_DIVBYZERO)
        names += " FE_DIVBYZERO";
    return names;
}

// Where a call happened, in a form that can live in shared memory.
struct call_site {
    char function[32];
    char form[48];
    double z;        // the element (exact for float); 0 for whole-range calls
    std::size_t n;   // range length, 1 for scalar and batch
};

call_site make_site(char const* function, char const* form, double z, std::size_t n)
{
    call_site site{};
    std::snprintf(site.function, sizeof site.function, "%s", function);
    std::snprintf(site.form, sizeof site.form, "%s", form);
    site.z = z;
    site.n = n;
    return site;
}

std::string describe(call_site const& site)
{
    char text[160];
    std::snprintf(text, sizeof text, "squash::%s, %s form, z = %a (%.9g), n = %zu", site.function, site.form,
                  site.z, site.z, site.n);
    return text;
}

// Makes every call the tests care about, each wrapped by probe(site, call).
template <class T, class Probe>
void every_call(std::vector<T> const& z, Probe&& probe)
{
    robust::for_each_function([&](auto const& f, char const* name) {
        for (T v : z) {
            probe(make_site(name, "scalar", double(v), 1), [&] { keep(f(v)); });
            probe(make_site(name, "batch", double(v), 1), [&] { keep(f(xsimd::batch<T>(v))); });
            // One element: the other lanes of the tail buffer are zero padding.
            std::array<T, 1> in{v}, out{};
            probe(make_site(name, "range n=1 (padded tail)", double(v), 1), [&] {
                f(in, out);
                keep(out);
            });
        }
        // Whole ranges: unrolled loop, single batches and a tail, all used.
        std::vector<T> out(z.size()), inout = z;
        probe(make_site(name, "range out-of-place", 0.0, z.size()), [&] {
            f(z, out);
            keep(*out.data());
        });
        probe(make_site(name, "range in place", 0.0, z.size()), [&] {
            f(inout);
            keep(*inout.data());
        });
    });
}

template <class T>
std::vector<T> fenv_inputs()
{
    return robust::non_nan_inputs<T>();
}

}  // namespace

TEST_CASE("fenv self-check: the flags are seen in this build", "[fenv-flags]")
{
    // If this fails, the test below would pass vacuously.
    volatile double big = 1e308, zero = 0.0;
    std::feclearexcept(FE_ALL_EXCEPT);
    double product = big * big;
    keep(product);
    CHECK(std::fetestexcept(FE_OVERFLOW) != 0);
    std::feclearexcept(FE_ALL_EXCEPT);
    double ratio = big / zero;
    keep(ratio);
    CHECK(std::fetestexcept(FE_DIVBYZERO) != 0);
    std::feclearexcept(FE_ALL_EXCEPT);
}

TEMPLATE_TEST_CASE("no overflow, invalid or divide-by-zero flag for any non-NaN input", "[fenv-flags]", float,
                   double)
{
    std::vector<std::string> failures;
    std::size_t calls = 0;
    every_call(fenv_inputs<TestType>(), [&](call_site const& site, auto&& call) {
        std::feclearexcept(FE_ALL_EXCEPT);
        call();
        int const raised = std::fetestexcept(watched);
        ++calls;
        if (raised != 0 && failures.size() < 20)
            failures.push_back(describe(site) + " raised" + flag_names(raised));
    });
    std::feclearexcept(FE_ALL_EXCEPT);
    INFO(calls << " calls checked");
    for (auto const& failure : failures)
        UNSCOPED_INFO(failure);
    CHECK(failures.empty());
}

TEMPLATE_TEST_CASE("no SIGFPE with overflow, invalid and divide-by-zero trapping", "[fenv-traps]", float, double)
{
    // The calls run in a child so a trap kills only the child; the child
    // records each call in shared memory first, so the parent can name the
    // one that trapped.
    void* shared = mmap(nullptr, sizeof(call_site), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    REQUIRE(shared != MAP_FAILED);
    auto* last = static_cast<call_site*>(shared);
    auto const inputs = fenv_inputs<TestType>();

    pid_t const child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Catch2's fatal-signal handler is inherited; the parent reports.
        std::signal(SIGFPE, SIG_DFL);
        std::feclearexcept(FE_ALL_EXCEPT);
        if (feenableexcept(watched) == -1)
            _exit(2);
        every_call(inputs, [&](call_site const& site, auto&& call) {
            *last = site;
            keep(*last);
            call();
        });
        _exit(0);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    bool const trapped = WIFSIGNALED(status) && WTERMSIG(status) == SIGFPE;
    INFO((trapped ? "SIGFPE in " + describe(*last) : std::string("no trap")));
    CHECK_FALSE(trapped);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);  // 2: feenableexcept unavailable
    munmap(shared, sizeof(call_site));
}
