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
    std::string word; // lower-case ASCII, other bytes as they are
    std::size_t begin = 0;
    std::size_t end = 0; // byte offsets in the decoded text
    bool clauseStart = false; // after ';' or ':' (or the first of a sentence)
};

struct ReportSentence {
    std::size_t firstToken = 0;
    std::size_t endToken = 0; // one past the last
    std::size_t begin = 0;
    std::size_t end = 0; // byte offsets in the decoded text
    ReportSection section = ReportSection::Findings;
    bool question = false; // ends with '?'
};

// A recognised section heading ("IMPRESSION:", "Technique:", "FINDINGS" alone on its line...). Its section
// runs from `end` to the next heading's `begin` (or the end of the text).
struct ReportHeading {
    std::string name; // the heading's words in lower case, e.g. "impression", "clinical history"
    std::size_t begin = 0;
    std::size_t end = 0; // byte offsets in the decoded text, the ':' included
    ReportSection section = ReportSection::Findings;
};

// Words, sentences (ended by . ? ! followed by a space, a blank line or a numbered list item) and
// section headings ("IMPRESSION:", "FINDINGS:", "CONCLUSION", ...), which start a new sentence.
struct TokenizedReport {
    std::vector<ReportToken> tokens;
    std::vector<ReportSentence> sentences;
    std::vector<ReportHeading> headings; // in text order
};

TokenizedReport tokenizeReport(const std::string& text);

} // namespace radmark::annotation
