// Runs a test binary built for an instruction set only if this CPU has it;
// otherwise reports ctest's "skipped" code (77), so a missing AVX-512 is
// shown as skipped, never as passed. Built for the x86-64 baseline.
#include <cstdio>
#include <cstring>
#include <unistd.h>

static bool cpu_has(char const* isa)
{
    __builtin_cpu_init();
    if (std::strcmp(isa, "sse2") == 0)
        return __builtin_cpu_supports("sse2");
    if (std::strcmp(isa, "avx2") == 0)
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (std::strcmp(isa, "avx512") == 0)
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
    std::fprintf(stderr, "isa_gate: unknown instruction set '%s'\n", isa);
    return false;
}

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: isa_gate ISA PROGRAM [ARGS...]\n");
        return 2;
    }
    if (!cpu_has(argv[1])) {
        std::printf("isa_gate: this CPU lacks %s; %s not run (skipped)\n", argv[1], argv[2]);
        return 77;
    }
    execv(argv[2], argv + 2);
    std::perror("isa_gate: execv");
    return 2;
}
