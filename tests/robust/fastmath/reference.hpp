// Long-double references and the ULP measure, compiled without -ffast-math
// (reference.cpp) so the yardstick is not bent by the flags under test.
// This header must not include squash: the library is compiled with
// different flags in the other translation unit.
#pragma once

namespace reference {

long double sigmoid(long double z);
long double sigmoid_grad(long double z);
long double bipolar_sigmoid(long double z);
long double softplus(long double z);
long double log_sigmoid(long double z);
long double silu(long double z);
long double silu_grad(long double z);

// |got − exact| in units of the spacing of float/double at exact.
double ulp_error(long double exact, float got);
double ulp_error(long double exact, double got);

// The bound tests/function_table.hpp gives the function of that name (error
// < ulps if strict, <= otherwise), plus the reference's margin; false if the
// table has no such function.
bool table_bound(char const* name, bool is_float, double& ulps, bool& strict);

// How many function objects of the exact tier the table lists: the test
// checks it covers them all.
int table_exact_functions();

}  // namespace reference
