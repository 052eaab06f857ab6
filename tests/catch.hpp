// The one place that knows which Catch2 is installed: v3 (split headers) or
// v2 (Debian 12's 2.13, single header).
#pragma once
#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>
#include <catch2/catch_template_test_macros.hpp>
#define SQUASH_CATCH_V3 1
#else
#include <catch2/catch.hpp>
#endif
