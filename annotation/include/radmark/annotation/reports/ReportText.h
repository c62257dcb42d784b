#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace radmark::annotation {

// Report text as UTF-8: a byte-order mark is dropped, text that is not valid UTF-8 is read as
// Windows-1252/Latin-1 and converted, CR LF and lone CR become LF.
std::string decodeReportText(const std::string& bytes);

// Where a sentence stands. Text before any heading counts as Findings; Ignored sections (indication,
// history, comparison) state the question, not the answer, and are not labelled.
enum class ReportSection { Findings, Impression, Ignored };
const char* sectionName(ReportSection section);

struct ReportToken {
    std::string word;  // lower-case ASCII, other bytes as they are
    std::size_t begin = 0;
    std::size_t end = 0;  // byte offsets in the decoded text
    bool clauseStart = false;  // after ';' or ':' (or the first of a sentence)
};

struct ReportSentence {
    std::size_t firstToken = 0;
    std::size_t endToken = 0;  // one past the last
    std::size_t begin = 0;
    std::size_t end = 0;  // byte offsets in the decoded text
    ReportSection section = ReportSection::Findings;
    bool question = false;  // ends with '?'
};

// Words, sentences (ended by . ? ! followed by a space, a blank line or a numbered list item) and
// section headings ("IMPRESSION:", "FINDINGS:", "CONCLUSION", ...), which start a new sentence.
struct TokenizedReport {
    std::vector<ReportToken> tokens;
    std::vector<ReportSentence> sentences;
};

TokenizedReport tokenizeReport(const std::string& text);

} // namespace radmark::annotation
