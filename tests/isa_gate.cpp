// Runs a test binary built for an instruction set only if this CPU has it;
// otherwise reports ctest's "skipped" code (77), so a missing AVX-512 is
// shown as skipped, never as passed. An instruction set it does not know is
// an error (exit 2), not a skip: a misspelt name must not hide a test.
// With --unless OTHER, the program is also skipped where the CPU has OTHER:
// for a test that another entry, which needs OTHER, makes redundant there
// (the full AVX2 float sweep, which the AVX-512 sweep replaces in CI).
// Built for the x86-64 baseline.
#include <cstdio>
#include <cstring>
#include <unistd.h>

enum class support { yes, no, unknown_name };

static support cpu_has(char const* isa)
{
    __builtin_cpu_init();
    auto answer = [](bool has) { return has ? support::yes : support::no; };
    if (std::strcmp(isa, "sse2") == 0)
        return answer(__builtin_cpu_supports("sse2"));
    if (std::strcmp(isa, "avx2") == 0)
        return answer(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"));
    if (std::strcmp(isa, "avx512") == 0)
        return answer(__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"));
    return support::unknown_name;
}

int main(int argc, char** argv)
{
    char const* unless = nullptr;
    if (argc >= 3 && std::strcmp(argv[1], "--unless") == 0) {
        unless = argv[2];
        argc -= 2;
        argv += 2;
    }
    if (argc < 3) {
        std::fprintf(stderr, "usage: isa_gate [--unless OTHER_ISA] ISA PROGRAM [ARGS...]\n");
        return 2;
    }
    auto const has = cpu_has(argv[1]);
    auto const has_other = unless ? cpu_has(unless) : support::no;
    if (has == support::unknown_name || has_other == support::unknown_name) {
        std::fprintf(stderr, "isa_gate: unknown instruction set '%s' (known: sse2, avx2, avx512)\n",
                     has == support::unknown_name ? argv[1] : unless);
        return 2;
    }
    if (has_other == support::yes) {
        std::printf("isa_gate: this CPU has %s, where another entry replaces %s; not run (skipped)\n", unless,
                    argv[2]);
        return 77;
    }
    if (has == support::no) {
        std::printf("isa_gate: this CPU lacks %s; %s not run (skipped)\n", argv[1], argv[2]);
        return 77;
    }
    execv(argv[2], argv + 2);
    std::perror("isa_gate: execv");
    return 2;
}
