// squash_ulp_sweep: the accuracy proof. Sweeps every float (or a sample with
// --quick) and a sample of doubles through squash's range form, measures the
// error in ulps against an exact reference, checks monotonicity, symmetry,
// range and special values, and exits nonzero if any promised bound fails.
// See docs/accuracy/README.md.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

#include "build_description.hpp"
#include "double_sample.hpp"
#include "report.hpp"

#ifndef SQUASH_SWEEP_ISA
#define SQUASH_SWEEP_ISA "unknown"
#endif

namespace {

constexpr char const* usage =
    "usage: squash_ulp_sweep [--quick] [--textbook] [--markdown FILE] [--threads N] [--doubles N] [--no-floats]\n"
    "                        [--only NAME,...]\n"
    "  (default)        every float bit pattern (2^32) and 10^8 doubles\n"
    "  --quick          every 16th float pattern plus dense windows, and 10^6 doubles\n"
    "  --textbook       measure 1/(1+exp(-z)), s*(1-s), 2*s-1 instead of squash\n"
    "  --markdown FILE  also write the report as Markdown\n"
    "  --threads N      worker threads (default: all cores)\n"
    "  --doubles N      how many doubles (0: none)\n"
    "  --no-floats      skip the float sweep\n"
    "  --only NAMES     sweep only these functions of tests/function_table.hpp (e.g. softplus,fast::silu)\n"
    "exit status: 0 if every bound and check holds, 1 if one fails, 2 for bad usage\n";

bool parse_count(char const* text, std::uint64_t& value)
{
    std::string_view s(text);
    // 1e8 style, for convenience
    if (auto e = s.find('e'); e != std::string_view::npos) {
        std::uint64_t mantissa = 0, exponent = 0;
        if (std::from_chars(s.data(), s.data() + e, mantissa).ec != std::errc{} ||
            std::from_chars(s.data() + e + 1, s.data() + s.size(), exponent).ec != std::errc{} || exponent > 18)
            return false;
        value = mantissa;
        while (exponent--)
            value *= 10;
        return true;
    }
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc{} && end == s.data() + s.size();
}

}  // namespace

int main(int argc, char** argv)
{
    using namespace sweep;
    bool quick = false, floats = true;
    implementation impl = implementation::squash;
    std::string markdown_path;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::uint64_t doubles = 0;
    bool doubles_given = false;
    std::string_view program = argv[0];
    std::string command(program.substr(program.find_last_of('/') + 1));
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        command.append(" ").append(arg);
        bool has_value = i + 1 < argc;
        if (arg == "--quick")
            quick = true;
        else if (arg == "--textbook")
            impl = implementation::textbook;
        else if (arg == "--no-floats")
            floats = false;
        else if (arg == "--only" && has_value) {
            if (!select_functions(argv[++i])) {
                std::fputs(usage, stderr);
                return 2;
            }
            command.append(" ").append(argv[i]);
        }
        else if (arg == "--markdown" && has_value)
            markdown_path = argv[++i], command.append(" ").append(markdown_path);
        else if (arg == "--threads" && has_value) {
            std::uint64_t n = 0;
            if (!parse_count(argv[++i], n) || n == 0 || n > 256) {
                std::fputs(usage, stderr);
                return 2;
            }
            threads = unsigned(n);
            command.append(" ").append(argv[i]);
        } else if (arg == "--doubles" && has_value) {
            if (!parse_count(argv[++i], doubles)) {
                std::fputs(usage, stderr);
                return 2;
            }
            doubles_given = true;
            command.append(" ").append(argv[i]);
        } else {
            std::fputs(usage, arg == "--help" || arg == "-h" ? stdout : stderr);
            return arg == "--help" || arg == "-h" ? 0 : 2;
        }
    }
    if (!doubles_given)
        doubles = quick ? 1000000 : 100000000;

    run_description run{SQUASH_SWEEP_ISA, SQUASH_TEST_FLAGS, squash_test::build_description(),
                        implementation_name(impl),  quick ? "quick" : "full", command, threads};
    run_results results;
    results.float_specials = run_specials<float>(impl);
    results.double_specials = run_specials<double>(impl);
    if (floats)
        results.floats = run_float_sweep(impl, quick, threads);
    if (doubles > 0)
        results.doubles = run_double_sample(impl, doubles, threads);

    auto checks = evaluate_checks(results);
    print_report(stdout, run, results, checks, false);
    if (!markdown_path.empty()) {
        std::FILE* out = std::fopen(markdown_path.c_str(), "w");
        if (!out) {
            std::perror(markdown_path.c_str());
            return 2;
        }
        print_report(out, run, results, checks, true);
        std::fclose(out);
    }
    for (auto const& c : checks)
        if (!c.passed)
            return 1;
    return 0;
}
