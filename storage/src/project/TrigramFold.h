#pragma once

#include <string>
#include <string_view>

struct sqlite3;
struct fts5_tokenizer;
struct Fts5Tokenizer;

namespace radmark::storage {

// A text folded as SQLite's FTS5 trigram tokenizer folds it (the tokenizer itself is asked, through the
// connection's fts5_api): a phrase query of three characters or more matches a document of a trigram table
// exactly when the folded document contains the folded query. Used to test a few documents against a filter
// without running the filter's query over the whole index (StudyBrowserIndex's first page).
class TrigramFold {
public:
    // Throws ProjectError when the connection has no FTS5 trigram tokenizer.
    TrigramFold(sqlite3* database, const std::string& filePath);
    ~TrigramFold();
    TrigramFold(const TrigramFold&) = delete;
    TrigramFold& operator=(const TrigramFold&) = delete;

    // The folded text; texts under three characters give nothing (the tokenizer emits no trigram for them).
    std::string fold(std::string_view text) const;

private:
    void* m_tokenizerApi = nullptr; // fts5_tokenizer, copied from fts5_api::xFindTokenizer
    Fts5Tokenizer* m_tokenizer = nullptr;
};

} // namespace radmark::storage
