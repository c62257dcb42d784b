#include "project/MarkHistoryIds.h"

#include "project/MarkRows.h"

namespace radmark::storage {

std::string markIdsJson(const std::vector<annotation::MarkId>& ids)
{
    std::string text = "[";
    for (std::size_t index = 0; index < ids.size(); ++index) {
        text += (index > 0 ? "," : "") + jsonString(ids[index]);
    }
    return text + "]";
}

std::vector<annotation::MarkId> parseMarkIds(const std::string& text)
{
    std::vector<annotation::MarkId> ids;
    std::size_t position = 0;
    while ((position = text.find('"', position)) != std::string::npos) {
        const std::size_t end = text.find('"', position + 1);
        if (end == std::string::npos) {
            break;
        }
        ids.push_back(text.substr(position + 1, end - position - 1));
        position = end + 1;
    }
    return ids;
}

} // namespace radmark::storage
