// Prints the xsimd version squash was compiled against, and one value.
#include <squash/squash.hpp>

#include <cstdio>

int main()
{
    std::printf("xsimd %d.%d.%d; sigmoid(2) = %.4f\n", XSIMD_VERSION_MAJOR, XSIMD_VERSION_MINOR, XSIMD_VERSION_PATCH,
                double(squash::sigmoid(2.0f)));
    return squash::sigmoid(2.0f) > 0.88f && squash::sigmoid(2.0f) < 0.881f ? 0 : 1;
}
