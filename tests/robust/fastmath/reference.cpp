// The unit tests' long-double references (tests/reference.hpp), compiled
// here without -ffast-math and called from fastmath.cpp, which has it.
#include "reference.hpp"

#include "../../function_table.hpp"
#include "../../reference.hpp"

namespace reference {

long double sigmoid(long double z) { return squash_test::sigmoid_ref(z); }
long double sigmoid_grad(long double z) { return squash_test::sigmoid_grad_ref(z); }
long double bipolar_sigmoid(long double z) { return squash_test::bipolar_sigmoid_ref(z); }
long double softplus(long double z) { return squash_test::softplus_ref(z); }
long double log_sigmoid(long double z) { return squash_test::log_sigmoid_ref(z); }
long double silu(long double z) { return squash_test::silu_ref(z); }
long double silu_grad(long double z) { return squash_test::silu_grad_ref(z); }

double ulp_error(long double exact, float got) { return static_cast<double>(squash_test::ulp_error<float>(got, exact)); }
double ulp_error(long double exact, double got) { return static_cast<double>(squash_test::ulp_error<double>(got, exact)); }

bool table_bound(char const* name, bool is_float, double& ulps, bool& strict)
{
    for (auto const& f : squash_test::functions) {
        if (std::string_view(f.name) != name)
            continue;
        auto const& b = is_float ? f.float_bound : f.double_bound;
        ulps = b.ulps + double(is_float ? squash_test::reference_margin_ulp<float> : squash_test::reference_margin_ulp<double>);
        strict = b.strict;
        return true;
    }
    return false;
}

int table_exact_functions()
{
    int n = 0;
    for (auto const& f : squash_test::functions)
        n += f.level == squash_test::tier::exact;
    return n;
}

}  // namespace reference
