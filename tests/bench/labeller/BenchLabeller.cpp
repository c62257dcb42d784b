// bench_labeller: reports labelled per second on one core with the chest-radiograph and CT
// abdomen presets; the real sample reports of ../shared/data repeated to 100,000.
#include "../../support/TestFiles.h"
#include "../PerformanceReport.h"

#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/annotation/reports/ReportCsv.h"
#include "radmark/annotation/reports/ReportLabeller.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::bench {

namespace {

using namespace annotation;

constexpr std::size_t reportCount = 100000;

struct Timing {
    double reportsPerSecond = 0.0;
    double megabytesPerSecond = 0.0;
    std::size_t positives = 0;
};

Timing timeLabeller(const ReportLabeller& labeller, const std::vector<std::string>& samples)
{
    std::size_t bytes = 0;
    Timing timing;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t index = 0; index < reportCount; ++index) {
        const std::string& report = samples[index % samples.size()];
        bytes += report.size();
        const LabelledReport result = labeller.label(report);
        for (const auto& label : result.labels) {
            timing.positives += label.value == LabelValue::Positive ? 1 : 0;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    timing.reportsPerSecond = static_cast<double>(reportCount) / seconds;
    timing.megabytesPerSecond = static_cast<double>(bytes) / seconds / 1e6;
    return timing;
}

int run(int argc, char** argv)
{
    PerformanceReport report("labeller", "Report labeller throughput (one core)", argc, argv);
    const std::string data = std::string(RADMARK_SHARED_DATA_DIR) + "/reports/";
    std::vector<std::string> chestReports;
    for (const auto& row :
        readCsvRows(testing::readSharedDataFile(data + "chexpert_labeler_samples/sample_reports.csv"))) {
        chestReports.push_back(row.fields.at(0));
    }
    const std::vector<std::string> ctReports { testing::readSharedDataFile(data + "ct_abdomen_example/report.txt") };
    // The 1,980 real Open-i chest radiograph reports (indication, findings, impression) of label-eval.
    std::vector<std::string> openiReports;
    const auto openiRows = readCsvRows(testing::readSharedDataFile(data + "iu_openi_dev/reports.csv"));
    for (std::size_t r = 1; r < openiRows.size(); ++r) {
        openiReports.push_back(openiRows[r].fields.at(1));
    }
    const std::string schemas = std::string(RADMARK_SOURCE_DIR) + "/resources/label-schemas/";
    const ReportLabeller chest(loadLabelSchemaFile(schemas + "chest-radiograph.json"));
    const ReportLabeller ct(loadLabelSchemaFile(schemas + "ct-abdomen.json"));

    timeLabeller(chest, chestReports); // warm-up
    const Timing chestTiming = timeLabeller(chest, chestReports);
    const Timing ctTiming = timeLabeller(ct, ctReports);
    const Timing openiTiming = timeLabeller(chest, openiReports);
    std::size_t openiBytes = 0;
    for (const auto& text : openiReports) {
        openiBytes += text.size();
    }

    std::size_t chestBytes = 0;
    for (const auto& text : chestReports) {
        chestBytes += text.size();
    }
    report.addNote("Data: the " + std::to_string(chestReports.size()) + " CheXpert sample impressions ("
        + std::to_string(chestBytes / chestReports.size())
        + " bytes on average) and the real CT abdomen "
          "report ("
        + std::to_string(ctReports.front().size())
        + " bytes, findings + impression) of "
          "../shared/data/reports, and the "
        + std::to_string(openiReports.size())
        + " Open-i chest radiograph reports "
          "of label-eval ("
        + std::to_string(openiBytes / openiReports.size())
        + " bytes on average), "
          "each set repeated to "
        + std::to_string(reportCount) + " reports.");
    report.addNote("One thread: ReportLabeller::label (decode, tokenize, sections, mentions, cues, explanations, "
                   "derived labels) per report; CSV reading and writing not included.");
    report.addFigure("Chest radiograph preset (14 labels), short impressions",
        formatNumber(chestTiming.reportsPerSecond, 0) + " reports/s",
        formatNumber(chestTiming.megabytesPerSecond, 1) + " MB/s");
    report.addFigure("CT abdomen preset (16 labels), full report",
        formatNumber(ctTiming.reportsPerSecond, 0) + " reports/s",
        formatNumber(ctTiming.megabytesPerSecond, 1) + " MB/s");
    report.addFigure("Chest radiograph preset (14 labels), full Open-i reports",
        formatNumber(openiTiming.reportsPerSecond, 0) + " reports/s",
        formatNumber(openiTiming.megabytesPerSecond, 1) + " MB/s");
    report.addTarget(
        { "Full chest reports/s per core >= 5,000", openiTiming.reportsPerSecond, 5000.0, true, "reports/s" });
    report.addTarget({ "Full CT reports/s per core >= 5,000", ctTiming.reportsPerSecond, 5000.0, true, "reports/s" });
    report.addTarget(
        { "Chest impressions/s per core >= 5,000", chestTiming.reportsPerSecond, 5000.0, true, "reports/s" });
    if (chestTiming.positives == 0 || ctTiming.positives == 0 || openiTiming.positives == 0) {
        throw std::runtime_error("the labeller found nothing: the timing would be meaningless");
    }
    report.publish();
    return 0;
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_labeller", radmark::bench::run, argc, argv);
}
