// What a user's translation unit compiles when it uses every squash function
// object in every call form: consumer.warnings builds it with -Wall -Wextra
// -Werror (and -O2, where GCC's flow warnings appear), squash's headers found
// through a plain -I as a user's build would, so a warning our headers cause
// in a user's build fails the test.
#include <squash/squash.hpp>

#include <array>
#include <cstdio>
#include <vector>

namespace {

template <class F, class T>
T all_forms(F const& f, T z)
{
    std::vector<T> in(37, z), out(37);
    f(in, out);                                           // range into range
    f(in);                                                // in place
    f(in.data(), out.data(), in.size());                  // pointers
    f(xsimd::default_arch{}, in.data(), out.data(), in.size());  // explicit arch
    std::array<T, 5> small{z, -z, z, -z, z};
    f(small);
    auto batch = f(xsimd::batch<T>(z));                   // one register
    return f(z) + out[3] + in[5] + small[1] + batch.get(0);  // scalar
}

template <class T>
T every_function(T z)
{
    return all_forms(squash::sigmoid, z) + all_forms(squash::sigmoid_grad, z) +
           all_forms(squash::bipolar_sigmoid, z) + all_forms(squash::fast::sigmoid, z) +
           all_forms(squash::fast::sigmoid_grad, z) + all_forms(squash::fast::bipolar_sigmoid, z);
}

}  // namespace

int main(int argc, char**)
{
    float const f = every_function(0.25f * static_cast<float>(argc));
    double const d = every_function(0.25 * argc) + squash::sigmoid(argc);  // an integer scalar is a double
    std::printf("%g %g\n", static_cast<double>(f), d);
    return 0;
}
