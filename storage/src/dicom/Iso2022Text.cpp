#include "dicom/Iso2022Text.h"

#include <iconv.h>

#include <cerrno>

namespace radmark::storage {

namespace {

enum class Set { Ascii, Romaji, Jis0208, Jis0212 };

// EUC-JP bytes (JIS X 0208 / 0212 with the high bit set) to UTF-8 through the C library's iconv.
std::optional<std::string> eucJpToUtf8(const std::string& euc)
{
    if (euc.empty()) {
        return std::string();
    }
    iconv_t converter = iconv_open("UTF-8", "EUC-JP");
    if (converter == reinterpret_cast<iconv_t>(-1)) {
        return std::nullopt;
    }
    std::string input = euc;
    std::string output(euc.size() * 3 + 4, '\0');
    char* in = input.data();
    size_t inLeft = input.size();
    char* out = output.data();
    size_t outLeft = output.size();
    const size_t result = iconv(converter, &in, &inLeft, &out, &outLeft);
    iconv_close(converter);
    if (result == static_cast<size_t>(-1) || inLeft != 0) {
        return std::nullopt;
    }
    output.resize(output.size() - outLeft);
    return output;
}

void appendUtf8(std::string& text, unsigned codePoint)
{
    if (codePoint < 0x80) {
        text += static_cast<char>(codePoint);
    } else if (codePoint < 0x800) {
        text += static_cast<char>(0xC0 | (codePoint >> 6));
        text += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else {
        text += static_cast<char>(0xE0 | (codePoint >> 12));
        text += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (codePoint & 0x3F));
    }
}

bool isDelimiter(unsigned char byte)
{
    return byte == '^' || byte == '=' || byte == '\\' || byte == '\r' || byte == '\n' || byte == '\t' || byte == '\f';
}

} // namespace

bool needsIso2022JapaneseDecoding(const std::vector<std::string>& characterSets)
{
    for (const std::string& value : characterSets) {
        if (value == "ISO 2022 IR 13" || value == "ISO 2022 IR 87" || value == "ISO 2022 IR 159") {
            return true;
        }
    }
    return false;
}

std::optional<std::string> decodeIso2022Japanese(
    const std::string& bytes, const std::vector<std::string>& characterSets)
{
    // The initial code element: JIS X 0201 (Romaji in G0, Katakana in G1) when the first value is IR 13.
    const bool initialJisX0201 = !characterSets.empty() && characterSets.front() == "ISO 2022 IR 13";
    const Set initialG0 = initialJisX0201 ? Set::Romaji : Set::Ascii;
    Set g0 = initialG0;
    bool katakanaG1 = initialJisX0201;
    std::string text;
    std::string pending; // EUC-JP bytes of the current double-byte run
    const auto flush = [&]() -> bool {
        const std::optional<std::string> decoded = eucJpToUtf8(pending);
        pending.clear();
        if (!decoded) {
            return false;
        }
        text += *decoded;
        return true;
    };
    for (std::size_t at = 0; at < bytes.size();) {
        const unsigned char byte = static_cast<unsigned char>(bytes[at]);
        if (byte == 0x1B) {
            if (!flush()) {
                return std::nullopt;
            }
            const std::string rest = bytes.substr(at + 1, 3);
            if (rest.compare(0, 2, "(B") == 0) {
                g0 = Set::Ascii;
                at += 3;
            } else if (rest.compare(0, 2, "(J") == 0) {
                g0 = Set::Romaji;
                at += 3;
            } else if (rest.compare(0, 2, ")I") == 0) {
                katakanaG1 = true;
                at += 3;
            } else if (rest.compare(0, 2, "$B") == 0 || rest.compare(0, 2, "$@") == 0) {
                g0 = Set::Jis0208;
                at += 3;
            } else if (rest.compare(0, 3, "$(D") == 0) {
                g0 = Set::Jis0212;
                at += 4;
            } else {
                return std::nullopt; // an escape sequence of another character set
            }
            continue;
        }
        if (g0 == Set::Jis0208 || g0 == Set::Jis0212) {
            if (byte < 0x21 || byte > 0x7E) {
                // A control character (CR, LF...) ends the double-byte run; the initial set comes back.
                if (!flush()) {
                    return std::nullopt;
                }
                g0 = initialG0;
                text += static_cast<char>(byte);
                ++at;
                continue;
            }
            if (at + 1 >= bytes.size()) {
                return std::nullopt;
            }
            const unsigned char second = static_cast<unsigned char>(bytes[at + 1]);
            if (second < 0x21 || second > 0x7E) {
                return std::nullopt;
            }
            if (g0 == Set::Jis0212) {
                pending += static_cast<char>(0x8F);
            }
            pending += static_cast<char>(byte | 0x80);
            pending += static_cast<char>(second | 0x80);
            at += 2;
            continue;
        }
        if (byte >= 0xA1 && byte <= 0xDF && katakanaG1) {
            appendUtf8(text, 0xFF61 + (byte - 0xA1)); // half-width katakana
        } else if (byte < 0x80) {
            text += static_cast<char>(byte);
            if (isDelimiter(byte)) {
                g0 = initialG0;
                katakanaG1 = initialJisX0201;
            }
        } else {
            return std::nullopt;
        }
        ++at;
    }
    if (!flush()) {
        return std::nullopt;
    }
    return text;
}

} // namespace radmark::storage
