// Decimal strings (DS/IS) read by the import: the fast path's own decimal parsing gives the very doubles strtod
// gives, for the forms it handles itself and for those it leaves to strtod.
#include "ImportTestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"

#include <catch2/catch.hpp>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace radmark::storage;
using namespace radmark::testing;

namespace {

double strtodOf(const char* text)
{
    return std::strtod(text, nullptr);
}

// Same bits (so that -0.0 and 0.0 differ), with both values in the message.
bool sameBits(double left, double right)
{
    return std::memcmp(&left, &right, sizeof left) == 0;
}

struct Values {
    const char* position; // 3 values
    const char* orientation; // 6 values
    const char* spacing; // 2 values
    const char* slope;
    const char* intercept;
};

} // namespace

TEST_CASE("Decimal strings in the header give strtod's doubles on the fast path and through DCMTK", "[import]")
{
    const std::vector<Values> cases = {
        // The forms scanners write: short decimals, signs, leading zeros, no integer or fraction part.
        { "-125.3\\+0.0625\\87.", "1\\0\\0\\0\\.5\\-.5", "0.488281\\0.488281", "1", "-1024" },
        // Negative zero, exponents (both cases), the largest exact powers of ten, 15 significant digits.
        { "-0\\1e22\\-1E-22", "0.1\\0.2\\0.3\\123456789012345\\0.000123456789012345\\9.99999999999999", "1e5\\2.5E+1",
            "0.00000000000000000001", "-0.0" },
        // Left to strtod: more than 15 digits, exponents beyond 22, hexadecimal, inf/nan skipped as not finite.
        { "0.1000000000000000055511151231257827\\1e23\\123456789012345678",
            "1e-300\\0x10\\1.7976931348623157e308\\3.14159265358979323846\\-2.5e-23\\12345678901234567890",
            "inf\\0.75\\2", "1.00000000000000001", "7e-400" },
    };
    const std::string root = makeTemporaryFolder("radmark-decimal");
    const WrittenSeries written = writeSyntheticSeries(smallCtSpec(), root + "/source");
    int index = 0;
    for (const Values& values : cases) {
        const std::string path = root + "/case" + std::to_string(index++) + ".dcm";
        rewriteDicom(written.filePaths.front(), path, [&](DcmDataset& dataset) {
            dataset.putAndInsertString(DCM_ImagePositionPatient, values.position);
            dataset.putAndInsertString(DCM_ImageOrientationPatient, values.orientation);
            dataset.putAndInsertString(DCM_PixelSpacing, values.spacing);
            dataset.putAndInsertString(DCM_RescaleSlope, values.slope);
            dataset.putAndInsertString(DCM_RescaleIntercept, values.intercept);
        });
        INFO(path);
        const FileHeaderReading fast = readFileHeader(path);
        const FileHeaderReading dcmtk = readFileHeader(path, true);
        REQUIRE(fast.record);
        REQUIRE(dcmtk.record);
        CHECK(fast.readByFastParser);

        // Each value as strtod reads it, in the order of the text; non-finite ones are left out.
        const auto expected = [](const char* text) {
            std::vector<double> numbers;
            const char* cursor = text;
            while (*cursor != '\0') {
                char* end = nullptr;
                const double value = std::strtod(cursor, &end);
                if (end == cursor) {
                    break;
                }
                if (value - value == 0.0) {
                    numbers.push_back(value);
                }
                cursor = *end == '\\' ? end + 1 : end;
                if (*end != '\\') {
                    break;
                }
            }
            return numbers;
        };
        for (const InstanceRecord* record : { &*fast.record, &*dcmtk.record }) {
            const auto checkAll = [](const std::vector<double>& read, const std::vector<double>& wanted) {
                REQUIRE(read.size() == wanted.size());
                for (std::size_t value = 0; value < read.size(); ++value) {
                    INFO("value " << value << ": read " << read[value] << ", strtod " << wanted[value]);
                    CHECK(sameBits(read[value], wanted[value]));
                }
            };
            checkAll(record->imagePositionPatient, expected(values.position));
            checkAll(record->imageOrientationPatient, expected(values.orientation));
            const std::vector<double> spacing = expected(values.spacing);
            if (spacing.size() == 2) {
                REQUIRE(record->pixelSpacingRowMm);
                CHECK(sameBits(*record->pixelSpacingRowMm, spacing[0]));
                CHECK(sameBits(*record->pixelSpacingColumnMm, spacing[1]));
            }
            const std::vector<double> slope = expected(values.slope);
            CHECK(sameBits(record->rescaleSlope, slope.empty() ? 1.0 : slope.front()));
            CHECK(sameBits(record->rescaleIntercept, strtodOf(values.intercept)));
        }
    }
    // The first case, as exact values a reader can check by eye.
    const FileHeaderReading first = readFileHeader(root + "/case0.dcm");
    REQUIRE(first.record);
    CHECK(first.record->imagePositionPatient == std::vector<double> { -125.3, 0.0625, 87.0 });
    CHECK(first.record->imageOrientationPatient == std::vector<double> { 1, 0, 0, 0, 0.5, -0.5 });
    CHECK(first.record->rescaleIntercept == -1024.0);
}
