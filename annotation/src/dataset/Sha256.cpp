#include "radmark/annotation/dataset/Sha256.h"

#include <cstring>

namespace radmark::annotation {

namespace {

constexpr std::uint32_t kRoundConstants[64] = { 0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
    0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
    0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c,
    0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2 };

std::uint32_t rotateRight(std::uint32_t value, int bits)
{
    return (value >> bits) | (value << (32 - bits));
}

void compressBlock(std::uint32_t state[8], const std::uint8_t* block)
{
    std::uint32_t words[64];
    for (int index = 0; index < 16; ++index) {
        words[index] = (std::uint32_t(block[index * 4]) << 24) | (std::uint32_t(block[index * 4 + 1]) << 16)
            | (std::uint32_t(block[index * 4 + 2]) << 8) | std::uint32_t(block[index * 4 + 3]);
    }
    for (int index = 16; index < 64; ++index) {
        const std::uint32_t s0
            = rotateRight(words[index - 15], 7) ^ rotateRight(words[index - 15], 18) ^ (words[index - 15] >> 3);
        const std::uint32_t s1
            = rotateRight(words[index - 2], 17) ^ rotateRight(words[index - 2], 19) ^ (words[index - 2] >> 10);
        words[index] = words[index - 16] + s0 + words[index - 7] + s1;
    }
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int index = 0; index < 64; ++index) {
        const std::uint32_t s1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25);
        const std::uint32_t choose = (e & f) ^ (~e & g);
        const std::uint32_t temp1 = h + s1 + choose + kRoundConstants[index] + words[index];
        const std::uint32_t s0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22);
        const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t temp2 = s0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + temp1;
        d = c;
        c = b;
        b = a;
        a = temp1 + temp2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

} // namespace

Sha256Digest sha256(const std::string& bytes)
{
    std::uint32_t state[8]
        = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const std::size_t length = bytes.size();
    std::size_t offset = 0;
    for (; offset + 64 <= length; offset += 64) {
        compressBlock(state, data + offset);
    }
    std::uint8_t tail[128] = {};
    const std::size_t remaining = length - offset;
    std::memcpy(tail, data + offset, remaining);
    tail[remaining] = 0x80;
    const std::size_t tailLength = remaining + 9 <= 64 ? 64 : 128;
    const std::uint64_t bitLength = static_cast<std::uint64_t>(length) * 8;
    for (int index = 0; index < 8; ++index) {
        tail[tailLength - 1 - index] = static_cast<std::uint8_t>(bitLength >> (8 * index));
    }
    compressBlock(state, tail);
    if (tailLength == 128) {
        compressBlock(state, tail + 64);
    }
    Sha256Digest digest {};
    for (int index = 0; index < 8; ++index) {
        for (int byte = 0; byte < 4; ++byte) {
            digest[index * 4 + byte] = static_cast<std::uint8_t>(state[index] >> (24 - 8 * byte));
        }
    }
    return digest;
}

Sha256Digest hmacSha256(const std::string& key, const std::string& message)
{
    std::string blockKey = key.size() > 64 ? std::string(reinterpret_cast<const char*>(sha256(key).data()), 32) : key;
    blockKey.resize(64, '\0');
    std::string inner(64, '\0');
    std::string outer(64, '\0');
    for (std::size_t index = 0; index < 64; ++index) {
        inner[index] = static_cast<char>(blockKey[index] ^ 0x36);
        outer[index] = static_cast<char>(blockKey[index] ^ 0x5c);
    }
    const Sha256Digest innerDigest = sha256(inner + message);
    return sha256(outer + std::string(reinterpret_cast<const char*>(innerDigest.data()), innerDigest.size()));
}

std::string toHex(const Sha256Digest& digest)
{
    static const char* const digits = "0123456789abcdef";
    std::string text;
    text.reserve(64);
    for (const std::uint8_t byte : digest) {
        text += digits[byte >> 4];
        text += digits[byte & 15];
    }
    return text;
}

} // namespace radmark::annotation
