#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace radmark::bench {

// One target of the issue checked against a measured ratio (or value).
struct TargetCheck {
    std::string description; // e.g. "RadMark files/s >= 2x gdcmscanner files/s"
    double measured = 0.0;
    double threshold = 0.0;
    bool higherIsBetter = true;
    std::string unit; // "x", "ms", "MB"...

    bool passed() const { return higherIsBetter ? measured >= threshold : measured <= threshold; }
};

// One section of docs/performance.md, between <!-- bench:NAME --> and <!-- /bench:NAME -->.
// Collects the facts every benchmark reports (date, machine, command, figures, peer figures,
// ratios, targets with PASS/MISS), renders Markdown, writes it into the document and prints it.
class PerformanceReport {
public:
    PerformanceReport(std::string name, std::string title, int argc, char** argv);

    void addNote(const std::string& line); // data set, method
    void addFigure(const std::string& measure, const std::string& value, const std::string& detail = {});
    void addPeerFigure(const std::string& measure, const std::string& value, const std::string& detail = {});
    void addRatio(const std::string& description, double ratio);
    void addTarget(const TargetCheck& target);
    void addFinding(const std::string& line); // what dominates a miss, caveats

    bool allTargetsPassed() const;
    std::string markdown() const;

    // Replaces the section in docs/performance.md (appends it when absent) and prints it to stdout.
    void publish() const;

private:
    struct Row {
        std::string measure;
        std::string value;
        std::string detail;
    };

    std::string m_name;
    std::string m_title;
    std::string m_command;
    std::string m_loadAverageAtStart;
    std::vector<std::string> m_notes;
    std::vector<Row> m_figures;
    std::vector<Row> m_peerFigures;
    std::vector<Row> m_ratios;
    std::vector<TargetCheck> m_targets;
    std::vector<std::string> m_findings;
};

// "2 cores (nproc), AMD EPYC, 23.4 GiB RAM".
std::string machineDescription();
// "/proc/loadavg" 1-, 5- and 15-minute load averages, e.g. "1.02 0.80 0.55".
std::string loadAverages();
// Local time as "2026-01-31 14:05 UTC".
std::string currentDateText();
// Path of docs/performance.md in the source tree.
std::string performanceDocumentPath();
// Replaces the text between the markers of `name` in `document` (or appends a marked section).
std::string replaceSection(const std::string& document, const std::string& name, const std::string& sectionBody);
// Fixed-point text with `decimals` decimals.
std::string formatNumber(double value, int decimals);
// "1234 files/s": a file count over seconds.
std::string filesPerSecondText(std::size_t files, double seconds);
// "median 1.234 s of 5 runs (min 1.100, max 1.500)": the detail column of a timed figure.
std::string medianRunsText(const std::vector<double>& seconds);
// User + system CPU seconds used so far by this process (all threads, RUSAGE_SELF) or by its waited-for children
// (RUSAGE_CHILDREN).
double cpuSeconds(int who);
// "12.3 us/file": CPU seconds per file.
std::string microsecondsPerFileText(double seconds, std::size_t files);

// main() of a benchmark: runs `run`, prints an escaping exception as one line naming the benchmark, exit 1.
int runBenchmarkMain(const char* benchmarkName, int (*run)(int, char**), int argc, char** argv);

} // namespace radmark::bench
