#include "radmark/storage/pacs/PacsClient.h"

namespace radmark::storage {

std::string studyDateRange(const PacsStudyQuery& query)
{
    const std::string& from = query.studyDateFrom;
    const std::string& to = query.studyDateTo;
    if (from.empty() && to.empty()) {
        return {};
    }
    if (from == to) {
        return from;
    }
    return from + "-" + to;
}

} // namespace radmark::storage
