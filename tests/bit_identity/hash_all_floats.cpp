// Hashes the outputs of squash's correctly rounded float functions over all
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
#include <thread>
#include <vector>

#include "build_description.hpp"

namespace {

constexpr std::uint64_t chunk = std::uint64_t(1) << 20;
constexpr std::uint64_t chunks = (std::uint64_t(1) << 32) / chunk;

// A 64-bit mix of one chunk (splitmix64's finalizer over the words, order
// dependent); the chunk hashes are then combined in order, so the threads'
// interleaving cannot change the result.
std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9u;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

template <class F>
std::uint64_t hash_all(F const& f)
{
    std::vector<std::uint64_t> chunk_hash(chunks);
    auto work = [&](unsigned first, unsigned step) {
        std::vector<float> in(chunk), out(chunk);
        for (std::uint64_t c = first; c < chunks; c += step) {
            for (std::uint64_t i = 0; i < chunk; ++i) {
                auto bits = static_cast<std::uint32_t>(c * chunk + i);
                std::memcpy(&in[i], &bits, sizeof bits);
            }
            f(in, out);
            std::uint64_t h = c;
            for (std::uint64_t i = 0; i < chunk; ++i) {
                std::uint32_t bits;
                std::memcpy(&bits, &out[i], sizeof bits);
                h = mix(h + bits);
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
        h = mix(h ^ x);
    return h;
}

}  // namespace

int main()
{
    std::fprintf(stderr, "hash_all_floats: %s\n", squash_test::build_description().c_str());
    std::printf("sigmoid %016llx\n", static_cast<unsigned long long>(hash_all(squash::sigmoid)));
    std::printf("sigmoid_grad %016llx\n", static_cast<unsigned long long>(hash_all(squash::sigmoid_grad)));
    std::printf("bipolar_sigmoid %016llx\n", static_cast<unsigned long long>(hash_all(squash::bipolar_sigmoid)));
    return 0;
}
