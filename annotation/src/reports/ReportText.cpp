#include "radmark/annotation/reports/ReportText.h"

#include <array>
#include <cctype>

namespace radmark::annotation {

namespace {

bool validUtf8(const std::string& text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1
            : lead >= 0xC2 && lead < 0xE0      ? 2
            : lead >= 0xE0 && lead < 0xF0      ? 3
            : lead >= 0xF0 && lead <= 0xF4     ? 4
                                               : 0;
        if (length == 0 || i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

// Windows-1252 characters 0x80-0x9F (unassigned ones kept as Latin-1 control codes).
constexpr std::array<unsigned, 32> windows1252 { 0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6,
    0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178 };

void appendUtf8(std::string& out, unsigned code)
{
    if (code < 0x80) {
        out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code >> 6)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (code >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
}

struct Heading {
    const char* words;
    ReportSection section;
};

constexpr Heading headings[] = {
    { "impression", ReportSection::Impression },
    { "impressions", ReportSection::Impression },
    { "conclusion", ReportSection::Impression },
    { "conclusions", ReportSection::Impression },
    { "summary", ReportSection::Impression },
    { "opinion", ReportSection::Impression },
    { "findings", ReportSection::Findings },
    { "finding", ReportSection::Findings },
    { "report", ReportSection::Findings },
    { "technique", ReportSection::Findings },
    { "recommendation", ReportSection::Findings },
    { "recommendations", ReportSection::Findings },
    { "indication", ReportSection::Ignored },
    { "indications", ReportSection::Ignored },
    { "history", ReportSection::Ignored },
    { "clinical history", ReportSection::Ignored },
    { "clinical information", ReportSection::Ignored },
    { "clinical indication", ReportSection::Ignored },
    { "reason for exam", ReportSection::Ignored },
    { "reason for study", ReportSection::Ignored },
    { "comparison", ReportSection::Ignored },
    { "comparisons", ReportSection::Ignored },
};

bool isWordByte(unsigned char c)
{
    return std::isalnum(c) != 0 || c >= 0x80;
}

// Whether the line starting at `k` opens with a known heading and its colon ("IMPRESSION: ...").
bool headingLineAt(const std::string& text, std::size_t k)
{
    std::string words;
    bool inWord = false;
    for (std::size_t i = k; i < text.size() && i < k + 40; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ':') {
            for (const Heading& heading : headings) {
                if (words == heading.words) {
                    return true;
                }
            }
            return false;
        }
        if (std::isalpha(c) != 0) {
            if (!inWord && !words.empty()) {
                words.push_back(' ');
            }
            words.push_back(static_cast<char>(std::tolower(c)));
            inWord = true;
        } else if (c == ' ' || c == '\t') {
            inWord = false;
        } else {
            return false;
        }
    }
    return false;
}

} // namespace

std::string decodeReportText(const std::string& bytes)
{
    std::string text = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? bytes.substr(3) : bytes;
    if (!validUtf8(text)) {
        std::string converted;
        converted.reserve(text.size() + text.size() / 8);
        for (const char c : text) {
            const unsigned char byte = static_cast<unsigned char>(c);
            appendUtf8(converted, byte >= 0x80 && byte < 0xA0 ? windows1252[byte - 0x80] : byte);
        }
        text.swap(converted);
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

const char* sectionName(ReportSection section)
{
    switch (section) {
    case ReportSection::Findings:
        return "findings";
    case ReportSection::Impression:
        return "impression";
    case ReportSection::Ignored:
        return "ignored";
    }
    return "findings";
}

TokenizedReport tokenizeReport(const std::string& text)
{
    TokenizedReport report;
    ReportSection section = ReportSection::Findings;
    ReportSentence sentence;
    bool clauseStart = true;
    bool allUpper = true; // every letter of the sentence so far is upper case

    const auto closeSentence = [&](std::size_t end, bool question) {
        sentence.endToken = report.tokens.size();
        if (sentence.endToken > sentence.firstToken) {
            sentence.end = end;
            sentence.section = section;
            sentence.question = question;
            report.sentences.push_back(sentence);
        }
        sentence = ReportSentence {};
        sentence.firstToken = report.tokens.size();
        clauseStart = true;
        allUpper = true;
    };
    // A heading is the whole sentence so far followed by ':' or, in capitals, by a line end.
    const auto tryHeading = [&](std::size_t position, bool colon) {
        const std::size_t count = report.tokens.size() - sentence.firstToken;
        if (count == 0 || count > 3 || (!colon && !allUpper)) {
            return false;
        }
        std::string words;
        for (std::size_t t = sentence.firstToken; t < report.tokens.size(); ++t) {
            words += (words.empty() ? "" : " ") + report.tokens[t].word;
        }
        for (const Heading& heading : headings) {
            if (words == heading.words) {
                const std::size_t headingBegin = report.tokens[sentence.firstToken].begin;
                const std::size_t headingEnd = colon ? position + 1 : report.tokens.back().end;
                report.headings.push_back(ReportHeading { words, headingBegin, headingEnd, heading.section });
                report.tokens.resize(sentence.firstToken);
                section = heading.section;
                closeSentence(position, false);
                sentence.begin = position + 1;
                return true;
            }
        }
        return false;
    };

    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (isWordByte(c)) {
            ReportToken token;
            token.begin = i;
            while (i < text.size() && isWordByte(static_cast<unsigned char>(text[i]))) {
                const unsigned char w = static_cast<unsigned char>(text[i]);
                if (std::islower(w) != 0) {
                    allUpper = false;
                }
                token.word.push_back(static_cast<char>(w < 0x80 ? std::tolower(w) : w));
                ++i;
            }
            token.end = i;
            token.clauseStart = clauseStart;
            clauseStart = false;
            if (report.tokens.size() == sentence.firstToken) {
                sentence.begin = token.begin;
            }
            report.tokens.push_back(std::move(token));
            continue;
        }
        const bool atEnd = i + 1 >= text.size();
        const unsigned char next = atEnd ? ' ' : static_cast<unsigned char>(text[i + 1]);
        if (c == '.' || c == '!' || c == '?') {
            const bool betweenDigits
                = c == '.' && i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1])) && std::isdigit(next);
            if (!betweenDigits && (atEnd || std::isspace(next) != 0 || c == '?')) {
                closeSentence(i + 1, c == '?');
            }
        } else if (c == ':') {
            if (!tryHeading(i, true)) {
                clauseStart = true;
            }
        } else if (c == ';') {
            clauseStart = true;
        } else if (c == '\n') {
            // A heading alone on its line, a blank line, a line starting a numbered item or a heading with its
            // colon ("INDICATION: chest pain\nFINDINGS: ...") ends the sentence.
            std::size_t k = i + 1;
            while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) {
                ++k;
            }
            const bool blankLine = k < text.size() && text[k] == '\n';
            std::size_t digits = k;
            while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) != 0) {
                ++digits;
            }
            const bool numbered = digits > k && digits < text.size() && (text[digits] == '.' || text[digits] == ')');
            if (!tryHeading(i, false) && (blankLine || numbered || headingLineAt(text, k))) {
                closeSentence(i, false);
            }
        }
        ++i;
    }
    closeSentence(text.size(), false);
    return report;
}

} // namespace radmark::annotation
