#pragma once

#include "radmark/annotation/MarkId.h"

#include <string>
#include <vector>

namespace radmark::storage {

// The `mark_ids` column of `mark_history` (schema 2): the ids of the marks one command touched, as a JSON array of
// strings, ["3f2a…","9c1e…"]. Written by the editor's history (MarkStore) and by a reviewer's lesion verdict
// (TeamReadings), read back by both.
std::string markIdsJson(const std::vector<annotation::MarkId>& ids);
// Mark ids are UUIDs (no quotes or escapes inside), as markIdsJson wrote them.
std::vector<annotation::MarkId> parseMarkIds(const std::string& text);

} // namespace radmark::storage
