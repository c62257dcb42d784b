// Report CSVs with defects: every row that is not imported is named with its line, the rest is imported, files
// that are no report CSV are reported as what they are, and one huge line takes neither the memory nor the rest.
#include "TestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;
using radmark::testing::writeTextFile;

namespace {

struct CsvImport {
    std::map<std::string, std::string> reasons; // file name -> reason
    std::map<std::string, std::string> reports; // key -> text
    std::map<std::string, StoredReport> stored;
};

CsvImport importFiles(const std::vector<std::string>& paths)
{
    auto project = ProjectStore::open(
        makeTemporaryFolder("radmark-csv-project") + "/p.radmark", ProjectStore::OpenMode::CreateIfMissing);
    const ImportSummary summary = importPaths(*project, paths);
    CsvImport result;
    for (const SkippedFile& file : summary.skippedThisRun) {
        result.reasons[file.filePath.substr(file.filePath.rfind('/') + 1)] = file.reason;
    }
    for (const StoredReport& report : ReportStore(*project).unmatchedReports()) {
        result.reports[report.matchKey] = report.text;
        result.stored[report.matchKey] = report;
    }
    // What the import lists is what the project keeps for `radmark skipped`.
    for (const SkippedFile& file : project->skippedFiles()) {
        CHECK(result.reasons.at(file.filePath.substr(file.filePath.rfind('/') + 1)) == file.reason);
    }
    return result;
}

} // namespace

TEST_CASE("Report CSV rows with extra fields, NUL bytes or no text are listed with their lines, the rest is imported",
    "[reports][csv]")
{
    const std::string folder = makeTemporaryFolder("radmark-csv-rows");
    writeTextFile(
        folder + "/extra.csv", "accession,report\nA1,Normal study.\nA2,Liver lesion, 2 cm\nA3,Clear lungs.,,\n");
    writeTextFile(folder + "/nul.csv",
        std::string("accession,report\nB1,\"Text with") + '\0' + "NUL inside\"\nB2,Fine report.\n");
    writeTextFile(folder + "/norows.csv", "accession,report\nD1,\nD2,   \n,text without key\nD3,Real text.\n");
    const CsvImport result = importFiles({ folder });

    CHECK(result.reports.size() == 4);
    CHECK(result.reports.at("A1") == "Normal study.");
    CHECK(result.reports.at("A3") == "Clear lungs."); // empty trailing fields carry nothing
    CHECK(result.reports.at("B2") == "Fine report.");
    CHECK(result.reports.at("D3") == "Real text.");
    CHECK(result.reasons.size() == 3);
    CHECK(result.reasons.at("extra.csv")
        == "1 row not imported: line 3: 3 fields but the header has 2 (an unquoted "
           "comma in the report?): not imported, so that no text is lost (2 imported)");
    CHECK(result.reasons.at("nul.csv")
        == "1 row not imported: line 2: the report holds NUL bytes (binary data, not text): not imported (1 imported)");
    CHECK(result.reasons.at("norows.csv")
        == "3 rows not imported: line 2: no report text (accession D1): not imported; line 3: no report text "
           "(accession D2): not imported; line 4: no accession: not imported (1 imported)");
}

TEST_CASE(
    "Report CSVs with two report columns, missing columns or in UTF-16 are reported as what they are", "[reports][csv]")
{
    const std::string folder = makeTemporaryFolder("radmark-csv-files");
    writeTextFile(folder + "/duplicate.csv", "accession,report,Report Text\nC1,first,second\n");
    writeTextFile(folder + "/nokey.csv", "patient,report\nP1,Some text.\n");
    writeTextFile(folder + "/notreport.csv", "id,value\n1,2\n");
    // UTF-16LE with a byte-order mark, CR LF line ends, an umlaut and a character outside the BMP.
    const std::u16string text = u"accession,report\r\nE1,L\u00e4sion \U0001F600 im Leberlappen.\r\n";
    std::string bytes = "\xFF\xFE";
    for (const char16_t unit : text) {
        bytes += static_cast<char>(unit & 0xFF);
        bytes += static_cast<char>(unit >> 8);
    }
    writeTextFile(folder + "/utf16.csv", bytes);
    // The same without a byte-order mark, big-endian.
    const std::u16string plain = u"accession,report\nE2,Zyste.\n";
    std::string bigEndian;
    for (const char16_t unit : plain) {
        bigEndian += static_cast<char>(unit >> 8);
        bigEndian += static_cast<char>(unit & 0xFF);
    }
    writeTextFile(folder + "/utf16be.csv", bigEndian);
    const CsvImport result = importFiles({ folder });

    CHECK(result.reasons.size() == 3);
    CHECK(result.reasons.at("duplicate.csv")
        == "a report CSV with 2 columns of one kind, report (column 2) and Report Text (column 3): which one to use is "
           "ambiguous; keep one and import again");
    CHECK(result.reasons.at("nokey.csv")
        == "a CSV file but not a report CSV: it has no key column (accession, "
           "accession_number, study_uid or study_instance_uid) (its columns: patient, "
           "report)");
    CHECK(result.reasons.at("notreport.csv")
        == "a CSV file but not a report CSV: it has no report column (report or report_text) and no key column "
           "(accession, accession_number, study_uid or study_instance_uid) (its columns: id, value)");
    REQUIRE(result.reports.size() == 2);
    CHECK(result.reports.at("E1") == "L\xC3\xA4sion \xF0\x9F\x98\x80 im Leberlappen.");
    CHECK(result.stored.at("E1").encodingNote == "converted from UTF-16LE");
    CHECK(result.stored.at("E1").sourceRow == 2);
    CHECK(result.reports.at("E2") == "Zyste.");
    CHECK(result.stored.at("E2").encodingNote == "converted from UTF-16BE");
}

TEST_CASE("A report CSV line longer than the limit is passed over with its line, the rows after it are imported",
    "[reports][csv]")
{
    const std::string folder = makeTemporaryFolder("radmark-csv-long");
    {
        std::ofstream file(folder + "/long.csv", std::ios::binary);
        file << "accession,report\nL1,First.\nL2,";
        const std::string block(1 << 20, 'x');
        for (int megabyte = 0; megabyte < 6; ++megabyte) {
            file << block;
        }
        file << "\nL3,\"After the long line,\nover two lines.\"\nL4,Last.\n";
    }
    writeTextFile(folder + "/good.csv", "accession,report\nG1,Another file.\n");
    const CsvImport result = importFiles({ folder });
    CHECK(result.reports.size() == 4);
    CHECK(result.reports.at("L1") == "First.");
    CHECK(result.reports.at("L3") == "After the long line,\nover two lines.");
    CHECK(result.stored.at("L3").sourceRow == 4);
    CHECK(result.reports.at("L4") == "Last.");
    CHECK(result.reports.at("G1") == "Another file.");
    CHECK(result.reasons.size() == 1);
    CHECK(result.reasons.at("long.csv")
        == "1 row not imported: line 3: longer than 4096 KiB (no report is that long; "
           "a broken line?): not imported (3 imported)");
}

TEST_CASE("A report CSV with an unterminated quote keeps the rows before it", "[reports][csv]")
{
    const std::string folder = makeTemporaryFolder("radmark-csv-quote");
    writeTextFile(folder + "/quote.csv", "accession,report\nQ1,Fine.\nQ2,\"never closed\nQ3,lost\n");
    const CsvImport result = importFiles({ folder + "/quote.csv" });
    CHECK(result.reports.size() == 1);
    CHECK(result.reports.at("Q1") == "Fine.");
    CHECK(result.reasons.at("quote.csv")
        == "1 row not imported: line 3: unterminated quote: the file ends inside a quoted field that starts on this "
           "line; the rest of the file is not imported (1 imported)");
}
