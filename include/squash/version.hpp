// squash/version.hpp: the library version, the one place it is written.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_VERSION_HPP
#define SQUASH_VERSION_HPP

// The one place the version lives; CMakeLists.txt reads these three lines.
#define SQUASH_VERSION_MAJOR 0
#define SQUASH_VERSION_MINOR 1
#define SQUASH_VERSION_PATCH 0

#define SQUASH_VERSION (SQUASH_VERSION_MAJOR * 10000 + SQUASH_VERSION_MINOR * 100 + SQUASH_VERSION_PATCH)

#endif
