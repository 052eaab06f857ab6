// tests/dispatch/overhead_header_only.cpp: the header-only range form,
// compiled for one instruction set (HEADER_ONLY_NAME, with that set's
// flags), for overhead_bench.cpp.
#include <squash/squash.hpp>

#include <cstddef>

void HEADER_ONLY_NAME(int function, bool is_double, void const* in, void* out, std::size_t n)
{
    auto run = [&](auto const& f) {
        if (is_double)
            f(static_cast<double const*>(in), static_cast<double*>(out), n);
        else
            f(static_cast<float const*>(in), static_cast<float*>(out), n);
    };
    switch (function) {
    case 0: run(squash::sigmoid); break;
    case 1: run(squash::sigmoid_grad); break;
    default: run(squash::bipolar_sigmoid);
    }
}
