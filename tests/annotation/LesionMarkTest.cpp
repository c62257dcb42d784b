#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/CsvRecord.h"
#include "radmark/annotation/LesionTypeList.h"
#include "radmark/annotation/MarkId.h"
#include "radmark/annotation/Timestamp.h"

#include <catch2/catch.hpp>

#include <set>

using namespace radmark::annotation;

TEST_CASE("mark ids are version 4 UUIDs, reproducible with a seed, with a DICOM UID form", "[marks]")
{
    MarkIdGenerator generator(7);
    MarkIdGenerator same(7);
    std::set<MarkId> ids;
    for (int index = 0; index < 1000; ++index) {
        const MarkId id = generator.next();
        CHECK(isValidMarkId(id));
        CHECK(id[14] == '4');
        CHECK(std::string("89ab").find(id[19]) != std::string::npos);
        CHECK(same.next() == id);
        ids.insert(id);
    }
    CHECK(ids.size() == 1000);
    CHECK_FALSE(isValidMarkId("not-a-uuid"));
    CHECK(toDicomUid("00000000-0000-0000-0000-000000000000") == "2.25.0");
    CHECK(toDicomUid("ffffffff-ffff-ffff-ffff-ffffffffffff") == "2.25.340282366920938463463374607431768211455");
    CHECK(toDicomUid("f81d4fae-7dec-11d0-a765-00a0c91e6bf6") == "2.25.329800735698586629295641978511506172918");
}

TEST_CASE("timestamps are int64 ms formatted as UTC ISO-8601", "[marks]")
{
    CHECK(formatIso8601Utc(0) == "1970-01-01T00:00:00.000Z");
    CHECK(formatIso8601Utc(1'704'067'200'123) == "2024-01-01T00:00:00.123Z");
    CHECK(formatIso8601Utc(951'782'400'000) == "2000-02-29T00:00:00.000Z");
    CHECK(formatIso8601Utc(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(parseIso8601Utc("2024-01-01T00:00:00.123Z") == 1'704'067'200'123);
    CHECK(parseIso8601Utc("2024-01-01T02:00:00+02:00") == 1'704'067'200'000);
    CHECK(parseIso8601Utc("2024-01-01T00:00:00") == 1'704'067'200'000);
    CHECK_FALSE(parseIso8601Utc("2024-13-01T00:00:00Z"));
    CHECK_FALSE(parseIso8601Utc("yesterday"));
    const TimestampMs now = systemTimeMs();
    CHECK(parseIso8601Utc(formatIso8601Utc(now)) == now);
}

TEST_CASE("lesion type list: DeepLesion defaults, editable, unknown kept", "[marks]")
{
    LesionTypeList types = LesionTypeList::deepLesionDefaults();
    CHECK(types.types().size() == 9);
    CHECK(types.nameOf(1) == std::string("bone"));
    CHECK(types.nameOf(7) == std::string("soft tissue"));
    CHECK(types.nameOf(8) == std::string("pelvis"));
    CHECK(types.nameOf(-1) == std::string("unknown"));
    CHECK(types.codeOf("Liver") == 4);
    CHECK(types.add(9, "brain"));
    CHECK_FALSE(types.add(9, "other"));
    CHECK_FALSE(types.add(10, "LUNG"));
    CHECK(types.rename(2, "abdomen (other)"));
    CHECK_FALSE(types.rename(3, "bone"));
    CHECK(types.remove(9));
    CHECK_FALSE(types.remove(9));
    CHECK_FALSE(types.remove(kUnknownLesionType));
    CHECK(types.types().front().code == -1);
}

TEST_CASE("author roles and shape kinds have stable names", "[marks]")
{
    CHECK(std::string(authorRoleName(AuthorRole::Trainee)) == "trainee");
    CHECK(parseAuthorRole("reviewer") == AuthorRole::Reviewer);
    CHECK_FALSE(parseAuthorRole("boss"));
    CHECK(std::string(shapeKindName(Box3dMark {})) == "box3d");
    LesionMark mark;
    mark.slice.seriesUid = "s";
    mark.slice.sliceIndex = 4;
    mark.shape = Box3dMark { { 0, 0, 1, 1 }, 2, 6 };
    CHECK(isOnSlice(mark, "s", 2));
    CHECK(isOnSlice(mark, "s", 6));
    CHECK_FALSE(isOnSlice(mark, "s", 7));
    CHECK_FALSE(isOnSlice(mark, "t", 4));
}

TEST_CASE("CSV records: quoted fields with commas and doubled quotes", "[marks]")
{
    std::vector<std::string> fields;
    REQUIRE(splitCsvRecord(R"(a,"b, c","say ""hi""",,"")"
                           "\r",
        fields));
    CHECK(fields == std::vector<std::string> { "a", "b, c", "say \"hi\"", "", "" });
    CHECK(joinCsvRecord({ "a", "b, c", "say \"hi\"", "" }) == R"(a,"b, c","say ""hi""",)");
    CHECK_FALSE(splitCsvRecord(R"(a,"b)", fields));
    CHECK_FALSE(splitCsvRecord(R"("a"b,c)", fields));
}
