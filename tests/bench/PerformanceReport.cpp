#include "PerformanceReport.h"
#include "Statistics.h"

#include "radmark/storage/files/WholeFile.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <unistd.h>

namespace radmark::bench {

namespace {

std::string firstValueOf(const std::string& path, const std::string& key)
{
    std::ifstream file(path);
    std::string line;
    while (std::getline(file, line)) {
        if (line.compare(0, key.size(), key) == 0) {
            const auto colon = line.find(':');
            if (colon == std::string::npos) {
                continue;
            }
            const auto start = line.find_first_not_of(" \t", colon + 1);
            return start == std::string::npos ? std::string() : line.substr(start);
        }
    }
    return {};
}

std::string joinCommand(int argc, char** argv)
{
    std::string command;
    for (int index = 0; index < argc; ++index) {
        if (index > 0) {
            command += ' ';
        }
        command += argv[index];
    }
    return command;
}

} // namespace

PerformanceReport::PerformanceReport(std::string name, std::string title, int argc, char** argv)
    : m_name(std::move(name))
    , m_title(std::move(title))
    , m_command(joinCommand(argc, argv))
    , m_loadAverageAtStart(loadAverages())
{
}

void PerformanceReport::addNote(const std::string& line)
{
    m_notes.push_back(line);
}

void PerformanceReport::addFigure(const std::string& measure, const std::string& value, const std::string& detail)
{
    m_figures.push_back({ measure, value, detail });
}

void PerformanceReport::addPeerFigure(const std::string& measure, const std::string& value, const std::string& detail)
{
    m_peerFigures.push_back({ measure, value, detail });
}

void PerformanceReport::addRatio(const std::string& description, double ratio)
{
    m_ratios.push_back({ description, formatNumber(ratio, 2) + "x", {} });
}

void PerformanceReport::addTarget(const TargetCheck& target)
{
    m_targets.push_back(target);
}

void PerformanceReport::addFinding(const std::string& line)
{
    m_findings.push_back(line);
}

bool PerformanceReport::allTargetsPassed() const
{
    for (const TargetCheck& target : m_targets) {
        if (!target.passed()) {
            return false;
        }
    }
    return true;
}

std::string PerformanceReport::markdown() const
{
    std::ostringstream out;
    out << "## " << m_title << "\n\n";
    out << "- Date: " << currentDateText() << "\n";
    out << "- Machine: " << machineDescription() << "; load average (1, 5, 15 min) " << m_loadAverageAtStart
        << " at start, " << loadAverages() << " at the end (other processes share the cores)\n";
    out << "- Command: `" << m_command << "`";
    if (const char* via = std::getenv("RADMARK_BENCH_CTEST")) {
        out << ", run by `" << via << "`";
    }
    out << "\n";
    for (const std::string& note : m_notes) {
        out << "- " << note << "\n";
    }
    const auto table = [&out](const char* heading, const std::vector<Row>& rows) {
        if (rows.empty()) {
            return;
        }
        out << "\n| " << heading << " | Value | Detail |\n|---|---:|---|\n";
        for (const Row& row : rows) {
            out << "| " << row.measure << " | " << row.value << " | " << row.detail << " |\n";
        }
    };
    table("RadMark", m_figures);
    table("Peer (same run)", m_peerFigures);
    table("Ratio", m_ratios);
    if (!m_targets.empty()) {
        out << "\n| Target | Measured | Result |\n|---|---:|---|\n";
        for (const TargetCheck& target : m_targets) {
            out << "| " << target.description << " | " << formatNumber(target.measured, 2) << ' ' << target.unit
                << " | ";
            if (target.passed()) {
                out << "PASS";
            } else {
                const double shortfall = target.higherIsBetter ? 1.0 - target.measured / target.threshold
                                                               : target.measured / target.threshold - 1.0;
                out << "MISS (by " << formatNumber(100.0 * std::fabs(shortfall), 0) << "%)";
            }
            out << " |\n";
        }
    }
    if (!m_findings.empty()) {
        out << "\n";
        for (const std::string& finding : m_findings) {
            out << "- " << finding << "\n";
        }
    }
    return out.str();
}

void PerformanceReport::publish() const
{
    const std::string body = markdown();
    std::cout << body << std::flush;
    const std::string path = performanceDocumentPath();
    std::string document = radmark::storage::readWholeFile(path).value_or("");
    if (document.empty()) {
        document = "# RadMark performance\n";
    }
    const std::string updated = replaceSection(document, m_name, body);
    const std::string temporaryPath = path + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream file(temporaryPath, std::ios::binary | std::ios::trunc);
        file << updated;
        if (!file) {
            throw std::runtime_error("cannot write " + temporaryPath);
        }
    }
    if (std::rename(temporaryPath.c_str(), path.c_str()) != 0) {
        throw std::runtime_error("cannot replace " + path);
    }
    std::cout << "(written to " << path << ")\n";
}

std::string replaceSection(const std::string& document, const std::string& name, const std::string& sectionBody)
{
    const std::string begin = "<!-- bench:" + name + " -->";
    const std::string end = "<!-- /bench:" + name + " -->";
    const std::string marked = begin + "\n" + sectionBody + end;
    const auto beginAt = document.find(begin);
    const auto endAt = beginAt == std::string::npos ? std::string::npos : document.find(end, beginAt);
    if (beginAt != std::string::npos && endAt != std::string::npos) {
        return document.substr(0, beginAt) + marked + document.substr(endAt + end.size());
    }
    std::string appended = document;
    if (!appended.empty() && appended.back() != '\n') {
        appended += '\n';
    }
    return appended + "\n" + marked + "\n";
}

std::string machineDescription()
{
    const long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
    std::string cpu = firstValueOf("/proc/cpuinfo", "model name");
    if (cpu.empty()) {
        cpu = "unknown CPU";
    }
    const std::string memTotal = firstValueOf("/proc/meminfo", "MemTotal"); // "24523456 kB"
    const double memoryGib = std::atof(memTotal.c_str()) / (1024.0 * 1024.0);
    return std::to_string(cores) + " cores (nproc), " + cpu + ", " + formatNumber(memoryGib, 1) + " GiB RAM";
}

std::string loadAverages()
{
    std::ifstream file("/proc/loadavg");
    std::string one;
    std::string five;
    std::string fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

std::string currentDateText()
{
    const std::time_t now = std::time(nullptr);
    std::tm local {};
    ::localtime_r(&now, &local);
    char text[64];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M %Z", &local);
    return text;
}

std::string performanceDocumentPath()
{
    return std::string(RADMARK_SOURCE_DIR) + "/docs/performance.md";
}

std::string formatNumber(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

int runBenchmarkMain(const char* benchmarkName, int (*run)(int, char**), int argc, char** argv)
{
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        std::cerr << benchmarkName << ": " << error.what() << "\n";
        return 1;
    }
}

double cpuSeconds(int who)
{
    rusage usage {};
    ::getrusage(who, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

std::string microsecondsPerFileText(double seconds, std::size_t files)
{
    return formatNumber(seconds / static_cast<double>(files) * 1e6, 1) + " us/file";
}

std::string filesPerSecondText(std::size_t files, double seconds)
{
    return formatNumber(static_cast<double>(files) / seconds, 0) + " files/s";
}

std::string medianRunsText(const std::vector<double>& seconds)
{
    return "median " + formatNumber(median(seconds), 3) + " s of " + std::to_string(seconds.size()) + " runs (min "
        + formatNumber(minimum(seconds), 3) + ", max " + formatNumber(maximum(seconds), 3) + ")";
}

} // namespace radmark::bench
