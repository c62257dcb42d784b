#include "radmark/annotation/reports/PhraseMatcher.h"

#include <cctype>

namespace radmark::annotation {

namespace {

bool endsWith(const std::string& text, const char* suffix, std::size_t length)
{
    return text.size() > length && text.compare(text.size() - length, length, suffix) == 0;
}

bool wordMatches(const std::string& phraseWord, const std::string& token, bool last)
{
    if (phraseWord == "*" || phraseWord == token) {
        return true;
    }
    if (!last || token.size() <= phraseWord.size() || token.compare(0, phraseWord.size(), phraseWord) != 0) {
        if (last && phraseWord.size() > 1 && phraseWord.back() == 'y' && token.size() == phraseWord.size() + 2
            && token.compare(0, phraseWord.size() - 1, phraseWord, 0, phraseWord.size() - 1) == 0
            && endsWith(token, "ies", 3)) {
            return true;
        }
        return false;
    }
    const std::size_t extra = token.size() - phraseWord.size();
    return (extra == 1 && token.back() == 's') || (extra == 2 && endsWith(token, "es", 2));
}

} // namespace

bool PhraseMatcher::add(const std::string& phrase, int group, int detail)
{
    Phrase compiled;
    compiled.text = phrase;
    compiled.group = group;
    compiled.detail = detail;
    for (const ReportToken& token : tokenizeReport(phrase).tokens) {
        compiled.words.push_back(token.word);
    }
    // tokenizeReport drops `*`; put the wildcards back from the raw text.
    if (phrase.find('*') != std::string::npos) {
        compiled.words.clear();
        std::string word;
        for (const char c : phrase + " ") {
            const unsigned char u = static_cast<unsigned char>(c);
            if (std::isalnum(u) != 0 || u >= 0x80) {
                word.push_back(static_cast<char>(u < 0x80 ? std::tolower(u) : u));
            } else {
                if (!word.empty()) {
                    compiled.words.push_back(word);
                    word.clear();
                }
                if (c == '*') {
                    compiled.words.emplace_back("*");
                }
            }
        }
    }
    if (compiled.words.empty() || compiled.words.front() == "*") {
        return false;
    }
    m_byFirstWord[compiled.words.front()].push_back(static_cast<int>(m_phrases.size()));
    m_phrases.push_back(std::move(compiled));
    return true;
}

template <typename Visit> void PhraseMatcher::candidates(const std::string& word, Visit visit) const
{
    const auto visitKey = [&](const std::string& key) {
        const auto found = m_byFirstWord.find(key);
        if (found != m_byFirstWord.end()) {
            for (const int phrase : found->second) {
                visit(phrase);
            }
        }
    };
    visitKey(word);
    if (word.size() > 2 && word.back() == 's') {
        visitKey(word.substr(0, word.size() - 1));
        if (endsWith(word, "es", 2)) {
            visitKey(word.substr(0, word.size() - 2));
        }
        if (endsWith(word, "ies", 3)) {
            visitKey(word.substr(0, word.size() - 3) + "y");
        }
    }
}

bool PhraseMatcher::matchesAt(
    const Phrase& phrase, const std::vector<ReportToken>& tokens, std::size_t start, std::size_t end) const
{
    if (start + phrase.words.size() > end) {
        return false;
    }
    for (std::size_t k = 0; k < phrase.words.size(); ++k) {
        if (!wordMatches(phrase.words[k], tokens[start + k].word, k + 1 == phrase.words.size())) {
            return false;
        }
    }
    return true;
}

void PhraseMatcher::findAll(
    const std::vector<ReportToken>& tokens, std::size_t first, std::size_t end, std::vector<Match>& matches) const
{
    for (std::size_t start = first; start < end; ++start) {
        const std::size_t before = matches.size();
        candidates(tokens[start].word, [&](int index) {
            const Phrase& phrase = m_phrases[static_cast<std::size_t>(index)];
            if (!matchesAt(phrase, tokens, start, end)) {
                return;
            }
            const Match match { start, start + phrase.words.size(), index };
            for (std::size_t k = before; k < matches.size(); ++k) {
                if (group(matches[k].phrase) == phrase.group) {
                    if (match.endToken > matches[k].endToken) {
                        matches[k] = match;
                    }
                    return;
                }
            }
            matches.push_back(match);
        });
    }
}

PhraseMatcher::Match PhraseMatcher::longestAt(
    const std::vector<ReportToken>& tokens, std::size_t start, std::size_t end) const
{
    Match best;
    candidates(tokens[start].word, [&](int index) {
        const Phrase& phrase = m_phrases[static_cast<std::size_t>(index)];
        if (matchesAt(phrase, tokens, start, end) && start + phrase.words.size() > best.endToken) {
            best = Match { start, start + phrase.words.size(), index };
        }
    });
    return best;
}

} // namespace radmark::annotation
