// The Study Date matching value sent by both the DIMSE C-FIND and the DICOMweb QIDO-RS study query.
#include "radmark/storage/pacs/PacsClient.h"

#include <catch2/catch.hpp>

using namespace radmark::storage;

namespace {

std::string rangeOf(const std::string& from, const std::string& to)
{
    PacsStudyQuery query;
    query.studyDateFrom = from;
    query.studyDateTo = to;
    return studyDateRange(query);
}

} // namespace

TEST_CASE("The study date range is empty, one day, closed or open at one end", "[pacs]")
{
    CHECK(rangeOf("", "") == "");
    CHECK(rangeOf("20240102", "20240102") == "20240102");
    CHECK(rangeOf("20240102", "20240104") == "20240102-20240104");
    CHECK(rangeOf("20240102", "") == "20240102-");
    CHECK(rangeOf("", "20240104") == "-20240104");
}
