// The std::invalid_argument messages must let a user find the bug without a
// debugger: the function, both sizes, the overlap offset.
#include <span>
#include <stdexcept>
#include <string>

#include "catch.hpp"
#include "robust_support.hpp"

namespace {

template <class F>
std::string message_of(F&& call)
{
    try {
        call();
    } catch (std::invalid_argument const& e) {
        return e.what();
    }
    return "(no std::invalid_argument thrown)";
}

bool contains(std::string const& text, std::string const& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEMPLATE_TEST_CASE("size mismatch: the message names the function and both sizes", "[error-messages]", float, double)
{
    using T = TestType;
    // Sizes chosen so neither is a substring of the other.
    std::vector<T> in(1234, T(1)), out(567, T(7));
    robust::for_each_function([&](auto const& f, char const* name) {
        auto const message = message_of([&] { f(in, out); });
        CAPTURE(message);
        CHECK(contains(message, std::string("squash::") + name));
        CHECK(contains(message, "1234"));
        CHECK(contains(message, "567"));
        CHECK(out == std::vector<T>(567, T(7)));
    });
}

TEMPLATE_TEST_CASE("partial overlap: the message gives the signed offset", "[error-messages]", float, double)
{
    using T = TestType;
    std::vector<T> buffer(100, T(3));
    std::span<T> const all(buffer);
    robust::for_each_function([&](auto const& f, char const* name) {
        // Output 37 elements after the input, then 29 before it.
        auto ahead = message_of([&] { f(all.subspan(10, 50), all.subspan(47, 50)); });
        auto behind = message_of([&] { f(all.subspan(40, 50), all.subspan(11, 50)); });
        CAPTURE(ahead, behind);
        CHECK(contains(ahead, std::string("squash::") + name));
        CHECK(contains(ahead, "37"));
        CHECK(contains(behind, "-29"));
        CHECK(buffer == std::vector<T>(100, T(3)));
    });
}
