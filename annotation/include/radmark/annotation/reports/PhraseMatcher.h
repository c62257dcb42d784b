#pragma once

#include "radmark/annotation/reports/ReportText.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace radmark::annotation {

// Finds phrases in a token sequence, word by word: case and hyphens do not matter (both sides are
// tokenized alike), the last word also matches its plural (+s, +es, y -> ies), and `*` in a
// phrase matches any one word. Each phrase carries two caller-defined integers.
class PhraseMatcher {
public:
    struct Match {
        std::size_t firstToken = 0;
        std::size_t endToken = 0; // one past the last
        int phrase = 0; // index in the order of add()
    };

    // Returns false when the phrase has no word or starts with `*`.
    bool add(const std::string& phrase, int group, int detail);

    int group(int phrase) const { return m_phrases[static_cast<std::size_t>(phrase)].group; }
    int detail(int phrase) const { return m_phrases[static_cast<std::size_t>(phrase)].detail; }
    const std::string& text(int phrase) const { return m_phrases[static_cast<std::size_t>(phrase)].text; }

    // For each start token in [first, end), the longest match of every group starting there.
    void findAll(
        const std::vector<ReportToken>& tokens, std::size_t first, std::size_t end, std::vector<Match>& matches) const;
    // The longest match of any group starting at `start`, if any (endToken == 0 when none).
    Match longestAt(const std::vector<ReportToken>& tokens, std::size_t start, std::size_t end) const;

private:
    struct Phrase {
        std::string text;
        std::vector<std::string> words;
        int group = 0;
        int detail = 0;
    };

    bool matchesAt(
        const Phrase& phrase, const std::vector<ReportToken>& tokens, std::size_t start, std::size_t end) const;
    template <typename Visit> void candidates(const std::string& word, Visit visit) const;

    std::vector<Phrase> m_phrases;
    std::unordered_map<std::string, std::vector<int>> m_byFirstWord;
};

} // namespace radmark::annotation
