// Prints the build's configuration (tests/build_description.hpp) before the
// unit tests run, so every CI log says which compiler, xsimd, architecture
// and contraction mode a result comes from.
#include <cstdio>

#include "build_description.hpp"

namespace {

struct banner {
    banner() { std::printf("squash unit tests: %s\n", squash_test::build_description().c_str()); }
} const print_at_startup;

}  // namespace
