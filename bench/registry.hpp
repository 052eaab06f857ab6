// squash benchmarks: the list of implementations under test.
//
// Every implementation is a plain function over arrays, registered by name
// at static-initialization time from the file that defines it, so a peer is
// in the binary exactly when CMake compiled its file. The benchmark driver
// (main.cpp) and the instruction-count mode read this one list.
#ifndef SQUASH_BENCH_REGISTRY_HPP
#define SQUASH_BENCH_REGISTRY_HPP

#include <cstddef>
#include <string>
#include <vector>

namespace squash_bench {

template <class T>
using array_fn = void (*)(T const* in, T* out, std::size_t n);

template <class T>
struct implementation {
    std::string function;  // sigmoid, sigmoid_grad, bipolar_sigmoid, or copy
    std::string name;      // textbook, squash_range, xnnpack, ...
    array_fn<T> run;
    // Work that a real caller does once per shape (XNNPACK's operator
    // setup), kept out of the timed loop. May be null.
    array_fn<T> prepare = nullptr;
};

template <class T>
std::vector<implementation<T>>& implementations()
{
    static std::vector<implementation<T>> list;
    return list;
}

template <class T>
struct registrar {
    registrar(char const* function, char const* name, array_fn<T> run, array_fn<T> prepare = nullptr)
    {
        implementations<T>().push_back({function, name, run, prepare});
    }
};

// The three functions in the order the tables show them.
inline constexpr char const* function_names[] = {"sigmoid", "sigmoid_grad", "bipolar_sigmoid"};

}  // namespace squash_bench

#endif
