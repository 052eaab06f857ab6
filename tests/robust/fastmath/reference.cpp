// The unit tests' long-double references (tests/reference.hpp), compiled
// here without -ffast-math and called from fastmath.cpp, which has it.
#include "reference.hpp"

#include "../../reference.hpp"

namespace reference {

long double sigmoid(long double z) { return squash_test::sigmoid_ref(z); }
long double sigmoid_grad(long double z) { return squash_test::sigmoid_grad_ref(z); }
long double bipolar_sigmoid(long double z) { return squash_test::bipolar_sigmoid_ref(z); }

double ulp_error(long double exact, float got) { return static_cast<double>(squash_test::ulp_error<float>(got, exact)); }
double ulp_error(long double exact, double got) { return static_cast<double>(squash_test::ulp_error<double>(got, exact)); }

}  // namespace reference
