// Long-double references and the ULP measure, compiled without -ffast-math
// (reference.cpp) so the yardstick is not bent by the flags under test.
// This header must not include squash: the library is compiled with
// different flags in the other translation unit.
#pragma once

namespace reference {

long double sigmoid(long double z);
long double sigmoid_grad(long double z);
long double bipolar_sigmoid(long double z);

// |got − exact| in units of the spacing of float/double at exact.
double ulp_error(long double exact, float got);
double ulp_error(long double exact, double got);

}  // namespace reference
