// Folding as the FTS5 trigram tokenizer does (see TrigramFold.h).
#include "project/TrigramFold.h"

#include "project/SqliteStatement.h"
#include "radmark/storage/project/ProjectError.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>

namespace radmark::storage {

namespace {

std::size_t utf8CharLength(unsigned char lead)
{
    if (lead < 0x80) {
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        return 2;
    }
    if ((lead & 0xF0) == 0xE0) {
        return 3;
    }
    return (lead & 0xF8) == 0xF0 ? 4 : 1;
}

// Each trigram the tokenizer emits starts one character after the previous one: the folded text is the first
// character of every trigram and the whole last one.
struct FoldSink {
    std::string folded;
    std::string last;
};

int collectTrigram(void* context, int, const char* token, int tokenLength, int, int)
{
    auto& sink = *static_cast<FoldSink*>(context);
    if (tokenLength <= 0) {
        return SQLITE_OK;
    }
    const std::size_t first
        = std::min(utf8CharLength(static_cast<unsigned char>(token[0])), static_cast<std::size_t>(tokenLength));
    sink.folded.append(token, first);
    sink.last.assign(token, static_cast<std::size_t>(tokenLength));
    return SQLITE_OK;
}

} // namespace

TrigramFold::TrigramFold(sqlite3* database, const std::string& filePath)
{
    fts5_api* api = nullptr;
    // SqliteStatement binds no pointers: a raw statement for this one call.
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(database, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) {
        throwSqliteError(database, filePath, "FTS5 is not available");
    }
    sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(raw);
    sqlite3_finalize(raw);
    if (api == nullptr) {
        throw ProjectError(filePath + ": FTS5 is not available in this SQLite");
    }
    auto tokenizer = std::make_unique<fts5_tokenizer>();
    void* userData = nullptr;
    if (api->xFindTokenizer(api, "trigram", &userData, tokenizer.get()) != SQLITE_OK
        || tokenizer->xCreate(userData, nullptr, 0, &m_tokenizer) != SQLITE_OK) {
        throw ProjectError(filePath + ": the FTS5 trigram tokenizer is not available in this SQLite");
    }
    m_tokenizerApi = tokenizer.release();
}

TrigramFold::~TrigramFold()
{
    auto* tokenizer = static_cast<fts5_tokenizer*>(m_tokenizerApi);
    if (tokenizer != nullptr && m_tokenizer != nullptr) {
        tokenizer->xDelete(m_tokenizer);
    }
    delete tokenizer;
}

std::string TrigramFold::fold(std::string_view text) const
{
    FoldSink sink;
    const auto* tokenizer = static_cast<fts5_tokenizer*>(m_tokenizerApi);
    tokenizer->xTokenize(
        m_tokenizer, &sink, FTS5_TOKENIZE_DOCUMENT, text.data(), static_cast<int>(text.size()), collectTrigram);
    if (!sink.last.empty()) {
        sink.folded.append(sink.last,
            std::min(utf8CharLength(static_cast<unsigned char>(sink.last[0])), sink.last.size()), std::string::npos);
    }
    return sink.folded;
}

} // namespace radmark::storage
