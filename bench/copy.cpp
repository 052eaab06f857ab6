// The bandwidth reference: memcpy of the bytes an implementation reads, into
// the output array, so it moves what the others move (n read, n written).
#include <cstddef>
#include <cstring>

#include "registry.hpp"

namespace squash_bench {
namespace {

template <class T>
void copy_array(T const* in, T* out, std::size_t n)
{
    std::memcpy(out, in, n * sizeof(T));
}

char const* libc_choice() { return "the C library's memcpy (it picks its own code for the CPU at run time)"; }

registrar<float> const copy_float{"copy", "memcpy", copy_array<float>, nullptr, libc_choice};
registrar<double> const copy_double{"copy", "memcpy", copy_array<double>, nullptr, libc_choice};

}  // namespace
}  // namespace squash_bench
