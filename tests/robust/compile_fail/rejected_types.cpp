// Compiled once per SQUASH_CASE by CheckDiagnostics.cmake, with GCC and
// Clang, as C++17 and C++20. Cases 0 and 1 must compile (so a broken include
// path cannot pass as a rejection); every other case must fail with the
// library's static_assert (or #error) text as the first error, and that
// error alone: not pages of template errors that merely happen to stop the
// build.
#include <squash/squash.hpp>

#include <list>
#include <vector>

int main()
{
#if SQUASH_CASE == 0
    std::vector<float> v(3);
    std::vector<double> in(3), out(3);
    squash::sigmoid(v);
    squash::bipolar_sigmoid(in, out);
    squash::sigmoid_grad(in.data(), out.data(), in.size());
    squash::sigmoid(xsimd::default_arch{}, v);
    return static_cast<int>(squash::sigmoid(1.0f) + squash::sigmoid_grad(2.0));
#elif SQUASH_CASE == 1
    return static_cast<int>(squash::sigmoid(1) + squash::sigmoid_grad(2L));  // integers: computed as double
#elif SQUASH_CASE == 2
    squash::sigmoid(std::vector<int>{});  // range of int
#elif SQUASH_CASE == 3
    return static_cast<int>(squash::sigmoid(1.0L));  // long double
#elif SQUASH_CASE == 4
    std::vector<long double> v(3);
    squash::sigmoid_grad(v);  // range of long double
#elif SQUASH_CASE == 5
    std::vector<float> in(3);
    std::vector<double> out(3);
    squash::bipolar_sigmoid(in, out);  // mixed element types
#elif SQUASH_CASE == 6
    std::list<float> l(3);
    squash::sigmoid(l);  // not contiguous
#elif SQUASH_CASE == 7
    std::vector<float> const in(3);
    std::vector<float> out(3);
    squash::sigmoid(out, in);  // output const
#elif SQUASH_CASE == 8
    int in[3] = {}, out[3] = {};
    squash::sigmoid(in, out, 3);  // pointers to int
#elif SQUASH_CASE == 9
    float in[3] = {};
    double out[3] = {};
    squash::sigmoid(in, out, 3);  // pointers to mixed types
#elif SQUASH_CASE == 10
    std::vector<int> v(3);
    squash::sigmoid(xsimd::default_arch{}, v);  // explicit architecture, range of int
#elif SQUASH_CASE == 11
    squash::sigmoid(xsimd::batch<int>(1));  // a batch of int
#elif SQUASH_CASE == 12
    // Compiled as C++14: squash.hpp stops with its one #error line.
#else
#error "unknown SQUASH_CASE"
#endif
    return 0;
}
