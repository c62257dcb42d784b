// The fuzz campaign of issue 17: mutated copies of the real DICOM files in ../shared/data (byte flips, truncation,
// bogus lengths, unclosed and deeply nested sequences before and after the pixel data, photometric / palette /
// JPEG 2000 header mismatches), fixed seed. Every file goes through import's header reading, the loader and an
// off-screen render in child processes (radmark_fuzz_probe), then the whole corpus through `radmark import` and
// `radmark export --format dicom,nifti`. 0 crashes, 0 hangs (per-file time bound), bounded peak RSS.
// CI: 2,000 files. Nightly: RADMARK_FUZZ_COUNT=20000 RADMARK_FUZZ_SEED=<n> (see docs/performance.md).
#define CATCH_CONFIG_MAIN
#include "DicomMutations.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using namespace radmark::fuzz;

namespace {

long environmentNumber(const char* name, long fallback)
{
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::strtol(value, nullptr, 10) : fallback;
}

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Corpus {
    std::vector<std::string> files;
    std::map<std::string, std::string> origin; // file -> "mutation of source"
};

Corpus generateCorpus(const std::string& folder, std::size_t count, std::uint64_t seed)
{
    std::vector<fs::path> sources;
    for (const auto& entry : fs::recursive_directory_iterator(radmark::testing::sharedDataDir() + "/dicom")) {
        if (entry.is_regular_file() && entry.file_size() < 4 * 1024 * 1024) {
            const std::string head = readFile(entry.path()).substr(0, 132);
            if (head.size() == 132 && head.compare(128, 4, "DICM") == 0) {
                sources.push_back(entry.path());
            }
        }
    }
    std::sort(sources.begin(), sources.end());
    REQUIRE(sources.size() > 100);
    std::map<fs::path, std::string> contents;
    std::mt19937_64 random(seed);
    Corpus corpus;
    for (std::size_t n = 0; n < count; ++n) {
        const fs::path& source = sources[std::uniform_int_distribution<std::size_t>(0, sources.size() - 1)(random)];
        const auto mutation = static_cast<Mutation>(std::uniform_int_distribution<int>(0, mutationCount - 1)(random));
        std::string& original = contents[source];
        if (original.empty()) {
            original = readFile(source);
        }
        const std::string subfolder = folder + "/" + std::to_string(n / 250);
        fs::create_directories(subfolder);
        const std::string path = subfolder + "/" + std::to_string(n) + "-" + mutationName(mutation) + ".dcm";
        std::ofstream(path, std::ios::binary) << mutate(original, mutation, random);
        corpus.files.push_back(path);
        corpus.origin[path] = std::string(mutationName(mutation)) + " of " + source.string();
    }
    return corpus;
}

struct ProbeReport {
    std::vector<std::string> failures; // "file: what"
    std::map<std::string, int> outcomes;
    long peakRssKb = 0;
    double slowestMs = 0.0;
    std::string slowestFile;
};

// Runs radmark_fuzz_probe over `files`, restarting it after a crash or a hang, so every file is tried.
void runProbes(const std::vector<std::string>& files, const std::string& workFolder, int index, double fileSeconds,
    long maxRssKb, ProbeReport& report, std::mutex& mutex)
{
    std::size_t next = 0;
    int round = 0;
    int xRetries = 0;
    std::string xRetriedFile;
    while (next < files.size()) {
        const std::string list = workFolder + "/list-" + std::to_string(index) + "-" + std::to_string(round) + ".txt";
        const std::string progress
            = workFolder + "/progress-" + std::to_string(index) + "-" + std::to_string(round) + ".txt";
        ++round;
        {
            std::ofstream out(list);
            for (std::size_t n = next; n < files.size(); ++n) {
                out << files[n] << "\n";
            }
        }
        const pid_t child = ::fork();
        if (child == 0) {
            const int log = ::open((progress + ".log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(log, 1);
            ::dup2(log, 2);
            ::execl(RADMARK_FUZZ_PROBE, RADMARK_FUZZ_PROBE, list.c_str(), progress.c_str(), workFolder.c_str(),
                static_cast<char*>(nullptr));
            ::_exit(127);
        }
        REQUIRE(child > 0);
        std::size_t done = next; // files finished in this round
        std::string current;
        auto currentSince = std::chrono::steady_clock::now();
        std::size_t readOffset = 0;
        int status = 0;
        bool finished = false;
        bool killedForHang = false;
        while (!finished) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            rusage usage {};
            const pid_t waited = ::wait4(child, &status, WNOHANG, &usage);
            finished = waited == child;
            const std::string text = readFile(progress);
            std::istringstream lines(text.substr(readOffset));
            std::string line;
            while (std::getline(lines, line)) {
                if (lines.eof() && text.back() != '\n') {
                    break; // a line still being written
                }
                readOffset += line.size() + 1;
                if (line.rfind("START ", 0) == 0) {
                    current = line.substr(6);
                    currentSince = std::chrono::steady_clock::now();
                } else if (line.rfind("END ", 0) == 0) {
                    std::istringstream fields(line.substr(4));
                    double ms = 0.0;
                    long rssKb = 0;
                    std::string outcome;
                    fields >> ms >> rssKb >> outcome;
                    const std::lock_guard<std::mutex> lock(mutex);
                    ++report.outcomes[outcome];
                    if (ms > report.slowestMs) {
                        report.slowestMs = ms;
                        report.slowestFile = current;
                    }
                    if (rssKb > maxRssKb && report.peakRssKb <= maxRssKb) {
                        report.failures.push_back(current + ": peak RSS " + std::to_string(rssKb / 1024)
                            + " MB after this file (limit " + std::to_string(maxRssKb / 1024) + " MB)");
                    }
                    report.peakRssKb = std::max(report.peakRssKb, rssKb);
                    current.clear();
                    ++done;
                }
            }
            if (!finished && !current.empty()
                && std::chrono::duration<double>(std::chrono::steady_clock::now() - currentSince).count()
                    > fileSeconds) {
                ::kill(child, SIGKILL);
                killedForHang = true;
            }
        }
        if (current.empty() && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            next = done;
            continue;
        }
        // VTK aborts when the X server refuses a connection or a GL context (several Xvfb users on a busy
        // machine): that is the environment, not the file, so the file is tried again (at most twice).
        const std::string log = readFile(progress + ".log");
        xRetries = current == xRetriedFile ? xRetries + 1 : 1;
        xRetriedFile = current;
        if (!killedForHang && log.find("vtkXOpenGLRenderWindow") != std::string::npos && xRetries <= 2) {
            next = done;
            continue;
        }
        const std::lock_guard<std::mutex> lock(mutex);
        std::string what = killedForHang ? "hang (more than " + std::to_string(static_cast<int>(fileSeconds)) + " s)"
            : WIFSIGNALED(status)        ? "crash (signal " + std::to_string(WTERMSIG(status)) + ")"
                                         : "probe exited with " + std::to_string(WEXITSTATUS(status));
        const std::size_t lastLine = log.find_last_of('\n', log.size() > 1 ? log.size() - 2 : 0);
        report.failures.push_back((current.empty() ? std::string("(between files)") : current) + ": " + what + " "
            + log.substr(lastLine == std::string::npos ? 0 : lastLine + 1, 200));
        next = done + 1; // skip the file that took the probe down
    }
}

// Runs `radmark ARGS...`; returns the exit status and sets the elapsed time and peak RSS.
int runRadmark(const std::vector<std::string>& arguments, double timeoutSeconds, double& seconds, long& peakRssKb,
    const std::string& logPath)
{
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = ::fork();
    if (child == 0) {
        const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(log, 1);
        ::dup2(log, 2);
        std::vector<char*> argv { const_cast<char*>(RADMARK_BINARY) };
        for (const std::string& argument : arguments) {
            argv.push_back(const_cast<char*>(argument.c_str()));
        }
        argv.push_back(nullptr);
        ::execv(RADMARK_BINARY, argv.data());
        ::_exit(127);
    }
    int status = 0;
    rusage usage {};
    while (::wait4(child, &status, WNOHANG, &usage) == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > timeoutSeconds) {
            ::kill(child, SIGKILL);
        }
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    peakRssKb = usage.ru_maxrss;
    return status;
}

} // namespace

TEST_CASE("Fuzzed copies of the real DICOM files import, load, render and export with no crash, hang or memory blow-up",
    "[fuzz]")
{
    if (radmark::testing::sharedDataDir().empty()) {
        radmark::testing::exitAsSkippedIfRequested(
            "skipped: ../shared/data is absent (the fuzz corpus is made from the real DICOM files there)");
        WARN("skipped: ../shared/data is absent (the fuzz corpus is made from the real DICOM files there)");
        return;
    }
    const auto count = static_cast<std::size_t>(environmentNumber("RADMARK_FUZZ_COUNT", 2000));
    const auto seed = static_cast<std::uint64_t>(environmentNumber("RADMARK_FUZZ_SEED", 17));
    const double fileSeconds = static_cast<double>(environmentNumber("RADMARK_FUZZ_FILE_SECONDS", 20));
    const long maxRssKb = environmentNumber("RADMARK_FUZZ_MAX_RSS_MB", 1024) * 1024;
    // RADMARK_FUZZ_WORK keeps the corpus, logs, project and export in that folder (for a closer look).
    const char* keep = std::getenv("RADMARK_FUZZ_WORK");
    const std::string work
        = keep != nullptr && *keep != '\0' ? keep : radmark::testing::makeTemporaryFolder("radmark-fuzz");
    fs::create_directories(work);
    const auto generationStart = std::chrono::steady_clock::now();
    const Corpus corpus = generateCorpus(work + "/corpus", count, seed);
    WARN("fuzz corpus: " << corpus.files.size() << " files, seed " << seed << ", generated in "
                         << std::chrono::duration<double>(std::chrono::steady_clock::now() - generationStart).count()
                         << " s");

    // Per file, in two child processes (one per core), each restarted after a failure.
    ProbeReport report;
    std::mutex mutex;
    std::vector<std::string> halves[2];
    for (std::size_t n = 0; n < corpus.files.size(); ++n) {
        halves[n % 2].push_back(corpus.files[n]);
    }
    const auto probeStart = std::chrono::steady_clock::now();
    std::thread second([&] { runProbes(halves[1], work, 1, fileSeconds, maxRssKb, report, mutex); });
    runProbes(halves[0], work, 0, fileSeconds, maxRssKb, report, mutex);
    second.join();
    std::ostringstream outcomes;
    for (const auto& [outcome, files] : report.outcomes) {
        outcomes << outcome << " " << files << ", ";
    }
    WARN("probes: " << std::chrono::duration<double>(std::chrono::steady_clock::now() - probeStart).count() << " s; "
                    << outcomes.str() << "peak RSS " << report.peakRssKb / 1024 << " MB; slowest file "
                    << report.slowestMs << " ms (" << report.slowestFile << ")");
    // Failing files are kept aside (fuzz-failures/ in the working directory) to become hand-made regression tests.
    std::string failures;
    for (const std::string& failure : report.failures) {
        const std::string file = failure.substr(0, failure.find(": "));
        failures += failure + (corpus.origin.count(file) ? " [" + corpus.origin.at(file) + "]" : "") + "\n";
        std::error_code error;
        fs::create_directories("fuzz-failures", error);
        fs::copy_file(
            file, "fuzz-failures/" + fs::path(file).filename().string(), fs::copy_options::overwrite_existing, error);
    }
    CHECK(failures == "");

    // The whole corpus through the real command line: one import, one export of every study.
    const std::string project = work + "/fuzz.radmark";
    double seconds = 0.0;
    long rssKb = 0;
    const int imported = runRadmark({ "import", project, work + "/corpus" }, 600, seconds, rssKb, work + "/import.log");
    INFO(readFile(work + "/import.log").substr(0, 2000));
    CHECK_FALSE(WIFSIGNALED(imported));
    CHECK((WIFEXITED(imported) && WEXITSTATUS(imported) == 0)); // files it cannot use are skipped, with reasons
    CHECK(seconds < 600);
    CHECK(rssKb < maxRssKb);
    WARN("radmark import: " << seconds << " s, peak RSS " << rssKb / 1024 << " MB, exit "
                            << (WIFEXITED(imported) ? WEXITSTATUS(imported) : -1));
    // One export per format, so that each format's exclusions are seen on their own.
    for (const std::string format : { "dicom", "nifti" }) {
        const int exported
            = runRadmark({ "export", project, "--format", format, "--out", work + "/export-" + format, "--quiet" }, 600,
                seconds, rssKb, work + "/export-" + format + ".log");
        INFO(readFile(work + "/export-" + format + ".log").substr(0, 2000));
        CHECK_FALSE(WIFSIGNALED(exported));
        // A file a format cannot use is excluded with its reason; it never fails the export (issue 17 item 9).
        CHECK((WIFEXITED(exported) && WEXITSTATUS(exported) == 0));
        CHECK(seconds < 600);
        CHECK(rssKb < maxRssKb);
        WARN("radmark export --format " << format << ": " << seconds << " s, peak RSS " << rssKb / 1024 << " MB, exit "
                                        << (WIFEXITED(exported) ? WEXITSTATUS(exported) : -1));
    }
}
