// Hashes the outputs of squash's correctly rounded float functions (those of
// tests/function_table.hpp whose float bound is correct rounding) over all
// 2^32 inputs, one line per function:
//   <function> <hash of the 2^32 output bit patterns, in input order>
// Correct rounding makes each output a function of its input alone, so every
// build (instruction set, compiler, xsimd version, flags) must print the same
// lines; CompareHashes.cmake checks that they do. NaN outputs are hashed as
// their bits too: NaN in gives the same NaN out, quieted, in every build.
#include <squash/squash.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include "build_description.hpp"
#include "function_table.hpp"

namespace {

constexpr std::uint64_t chunk = std::uint64_t(1) << 20;
constexpr std::uint64_t chunks = (std::uint64_t(1) << 32) / chunk;

// splitmix64's finalizer: a 64-bit mix in which every input bit reaches
// every output bit.
std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9u;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

std::uint64_t hash_all(squash_test::call_forms<float> const& f)
{
    std::vector<std::uint64_t> chunk_hash(chunks);
    auto work = [&](unsigned first, unsigned step) {
        std::vector<float> in(chunk), out(chunk);
        for (std::uint64_t c = first; c < chunks; c += step) {
            for (std::uint64_t i = 0; i < chunk; ++i) {
                auto bits = static_cast<std::uint32_t>(c * chunk + i);
                std::memcpy(&in[i], &bits, sizeof bits);
            }
            f.range(in.data(), out.data(), in.size());
            // The sum of mix(input, output) over the chunk: each term
            // depends on which input gave which output, and the terms are
            // independent, so the loop runs at the multiplier's throughput
            // rather than its latency.
            std::uint64_t h = 0;
            for (std::uint64_t i = 0; i < chunk; ++i) {
                std::uint32_t bits;
                std::memcpy(&bits, &out[i], sizeof bits);
                h += mix(((c * chunk + i) << 32) | bits);
            }
            chunk_hash[c] = h;
        }
    };
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(work, t, threads);
    for (auto& t : pool)
        t.join();
    std::uint64_t h = 0;
    for (auto x : chunk_hash)
        h += x;
    return mix(h);
}

}  // namespace

// hash_all_floats [--out FILE]: the lines go to stdout, and to FILE if given
// (with the build's description as a comment line first).
int main(int argc, char** argv)
{
    std::FILE* file = nullptr;
    if (argc == 3 && std::strcmp(argv[1], "--out") == 0) {
        std::error_code ignored;
        std::filesystem::create_directories(std::filesystem::path(argv[2]).parent_path(), ignored);
        file = std::fopen(argv[2], "w");
        if (!file) {
            std::perror(argv[2]);
            return 2;
        }
    } else if (argc != 1) {
        std::fprintf(stderr, "usage: hash_all_floats [--out FILE]\n");
        return 2;
    }
    auto const description = squash_test::build_description();
    std::printf("# %s\n", description.c_str());
    if (file)
        std::fprintf(file, "# %s\n", description.c_str());
    auto report = [&](char const* name, std::uint64_t hash) {
        std::printf("%s %016llx\n", name, static_cast<unsigned long long>(hash));
        if (file)
            std::fprintf(file, "%s %016llx\n", name, static_cast<unsigned long long>(hash));
    };
    int hashed = 0;
    for (auto const& f : squash_test::functions)
        if (squash_test::is_correctly_rounded(f.float_bound)) {
            report(f.name, hash_all(f.f32));
            ++hashed;
        }
    if (hashed == 0) {
        std::fprintf(stderr, "hash_all_floats: no correctly rounded function in the table\n");
        return 1;
    }
    if (file)
        std::fclose(file);
    return 0;
}
