// tests/dispatch/eigen_forms.cpp: Eigen's arrays and vectors as ranges
// (built as C++17 and as C++20): ArrayXf, VectorXf, ArrayXd, VectorXd, a 2-D
// ArrayXXf, a Map and a column block are contiguous and are taken, in place
// and out of place, giving the bits of the same values in a std::vector;
// views that have data() and size() but are strided (a row of a
// column-major matrix, a 2x2 block of a 3x3 one, a Map with an inner
// stride) throw std::invalid_argument before writing anything, instead of
// computing the wrong elements.
#include <squash/squash.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "catch.hpp"
#include "reference.hpp"

using squash_test::same_result;

namespace {

template <class Visitor>
void for_each_function(Visitor visit)
{
    visit(squash::sigmoid);
    visit(squash::sigmoid_grad);
    visit(squash::bipolar_sigmoid);
}

template <class T, class F>
std::vector<T> expected_of(F const& f, T const* z, std::size_t n)
{
    std::vector<T> in(z, z + n), out(n);
    f(in, out);
    return out;
}

template <class T>
bool same_as(T const* got, std::vector<T> const& want)
{
    for (std::size_t i = 0; i < want.size(); ++i)
        if (!same_result(got[i], want[i]))
            return false;
    return true;
}

}  // namespace

TEMPLATE_TEST_CASE("Eigen: dense arrays and vectors are contiguous ranges", "[eigen]", float, double)
{
    using T = TestType;
    using array = Eigen::Array<T, Eigen::Dynamic, 1>;
    using vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
    using array2d = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic>;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        constexpr Eigen::Index n = 37;
        array const z = array::LinSpaced(n, T(-30), T(30));
        auto const want = expected_of(f, z.data(), static_cast<std::size_t>(n));

        array a_out(n);
        f(z, a_out);
        CHECK(same_as(a_out.data(), want));
        array a_inout = z;
        f(a_inout);
        CHECK(same_as(a_inout.data(), want));

        vector const v = z.matrix();
        vector v_out(n);
        f(v, v_out);
        CHECK(same_as(v_out.data(), want));
        vector v_inout = v;
        f(xsimd::default_arch{}, v_inout);
        CHECK(same_as(v_inout.data(), want));

        // Mixed: an Eigen input into a std::vector and back.
        std::vector<T> s_out(static_cast<std::size_t>(n));
        f(z, s_out);
        CHECK(same_as(s_out.data(), want));
        array from_vector(n);
        f(s_out, from_vector);
        CHECK(same_as(from_vector.data(), expected_of(f, s_out.data(), s_out.size())));

        // A 2-D array is one contiguous block (column-major).
        array2d m = Eigen::Map<array2d const>(z.data(), 1, n).replicate(3, 1);
        array2d m_out(m.rows(), m.cols());
        f(m, m_out);
        CHECK(same_as(m_out.data(), expected_of(f, m.data(), static_cast<std::size_t>(m.size()))));

        // A Map over a std::vector, and a column of a matrix.
        std::vector<T> backing(z.data(), z.data() + n), map_out(static_cast<std::size_t>(n));
        f(Eigen::Map<array>(backing.data(), n), Eigen::Map<array>(map_out.data(), n));
        CHECK(same_as(map_out.data(), want));
        array col_out(3);
        f(m.col(5), col_out);
        CHECK(same_as(col_out.data(), expected_of(f, m.col(5).data(), 3)));
    });
}

TEMPLATE_TEST_CASE("Eigen: strided views are rejected before anything is written", "[eigen][errors]", float, double)
{
    using T = TestType;
    using array = Eigen::Array<T, Eigen::Dynamic, 1>;
    using array2d = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic>;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        array2d m = array2d::Constant(3, 3, T(2));
        array2d const before = m;
        auto message_of = [](auto&& call) {
            try {
                call();
            } catch (std::invalid_argument const& e) {
                return std::string(e.what());
            }
            return std::string("(nothing thrown)");
        };
        std::vector<T> out(4);
        auto row = message_of([&] { f(m.row(1), out); });                   // inner stride 3
        auto block = message_of([&] { f(m.block(0, 0, 2, 2), out); });     // outer stride 3, inner size 2
        auto row_in_place = message_of([&] { f(m.row(2)); });
        std::vector<T> backing(8, T(1));
        auto strided = message_of([&] {
            f(Eigen::Map<array, 0, Eigen::InnerStride<2>>(backing.data(), 4), out);
        });
        CAPTURE(row, block, row_in_place, strided);
        for (auto const* message : {&row, &block, &row_in_place, &strided})
            CHECK(message->find("not contiguous") != std::string::npos);
        CHECK((m == before).all());
        // A single row of a one-row matrix, or one element, is contiguous.
        Eigen::Array<T, 1, Eigen::Dynamic> one_row = Eigen::Array<T, 1, Eigen::Dynamic>::Constant(5, T(1));
        CHECK_NOTHROW(f(one_row));
        CHECK_NOTHROW(f(m.block(1, 1, 1, 1)));
    });
}
