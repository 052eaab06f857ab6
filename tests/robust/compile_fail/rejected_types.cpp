// Compiled once per SQUASH_CASE by cmake/CheckCompileFail.cmake. Case 0 must
// compile (so a broken include path cannot pass as a rejection); every other
// case must fail with the library's static_assert text, not with pages of
// template errors that merely happen to stop the build.
#include <squash/squash.hpp>

#include <vector>

int main()
{
#if SQUASH_CASE == 0
    std::vector<float> v(3);
    std::vector<double> in(3), out(3);
    squash::sigmoid(v);
    squash::bipolar_sigmoid(in, out);
    return static_cast<int>(squash::sigmoid(1.0f) + squash::sigmoid_grad(2.0));
#elif SQUASH_CASE == 1
    return static_cast<int>(squash::sigmoid(1));  // int
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
#else
#error "unknown SQUASH_CASE"
#endif
    return 0;
}
