#include "OrthancServer.h"
#include "PacsTestArchive.h"
#include "RadmarkCli.h"
#include "TestPaths.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/pacs/PacsCache.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

namespace {

std::string newProjectPath()
{
    return makeTemporaryFolder("radmark-pacs-cli") + "/study.radmark";
}

std::string addOrthanc(const std::string& project, const OrthancServer& orthanc, int localPort = 0)
{
    std::vector<std::string> arguments { "pacs", "add", project, "orthanc", "--dimse",
        "ORTHANC@127.0.0.1:" + std::to_string(orthanc.dicomPort()) };
    if (localPort > 0) {
        arguments.insert(arguments.end(), { "--local-port", std::to_string(localPort) });
    }
    const CliResult added = runCli(arguments);
    REQUIRE(added.exitCode == 0);
    return added.out;
}

std::size_t completeFilesIn(const std::string& folder)
{
    std::size_t count = 0;
    for (const std::string& file : filesBelow(folder)) {
        count += file.size() > 4 && file.compare(file.size() - 4, 4, ".dcm") == 0 ? 1 : 0;
    }
    return count;
}

// Starts a CLI retrieve and waits until `files` complete files are in the cache (or the process ended).
int startRetrieveAndWait(const std::vector<std::string>& arguments, const std::string& cache, std::size_t files,
    const std::string& outputFolder)
{
    const int pid = startCli(arguments, outputFolder);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (completeFilesIn(cache) < files && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return pid;
}

} // namespace

TEST_CASE("radmark pacs add, list and remove keep connections in the project", "[pacs][cli]")
{
    const std::string project = newProjectPath();
    const std::string folder = fs::path(project).parent_path().string();
    REQUIRE(runCli({ "demo", project }).exitCode == 0);
    CliResult result = runCli({ "pacs", "add", project, "hospital", "--dimse", "PACS1@10.0.0.5:104", "--local-aet",
        "RADMARK1", "--local-port", "11113" });
    CHECK(result.exitCode == 0);
    CHECK(
        result.out == "PACS connection hospital added: DIMSE PACS1@10.0.0.5:104 as RADMARK1 (C-MOVE to port 11113)\n");
    std::ofstream(folder + "/password.txt") << "secret\n";
    result = runCli({ "pacs", "add", project, "web", "--dicomweb", "https://pacs.example.org/dicom-web/", "--user",
        "alice", "--password-file", folder + "/password.txt" });
    CHECK(result.exitCode == 0);
    result = runCli({ "pacs", "list", project });
    CHECK(result.out
        == "hospital\tDIMSE PACS1@10.0.0.5:104 as RADMARK1 (C-MOVE to port 11113)\n"
           "web\tDICOMweb https://pacs.example.org/dicom-web (basic: alice, password in "
            + folder + "/password.txt)\n");
    // The password is nowhere in the project file.
    CHECK(readWholeFile(project).find("secret") == std::string::npos);

    result = runCli({ "pacs", "add", project, "bad", "--dimse", "PACS1@host" });
    CHECK(result.exitCode == 1);
    CHECK(result.err == "radmark pacs: 'PACS1@host' is not AET@HOST:PORT (e.g. ORTHANC@pacs.example.org:4242)\n");
    result = runCli({ "pacs", "add", project, "both", "--dimse", "A@h:1", "--dicomweb", "http://x" });
    CHECK(result.exitCode == 2);
    result = runCli({ "pacs", "add", project, "web2", "--dicomweb", "http://x", "--user", "bob", "--password-file",
        folder + "/none.txt" });
    CHECK(result.exitCode == 1);
    CHECK(result.err == "radmark pacs: " + folder + "/none.txt: cannot read the secret file\n");

    CHECK(runCli({ "pacs", "remove", project, "hospital" }).exitCode == 0);
    result = runCli({ "pacs", "remove", project, "hospital" });
    CHECK(result.exitCode == 1);
    CHECK(result.err == "radmark pacs: " + project + ": no PACS connection named hospital\n");
    CHECK(runCli({ "pacs", "list", project }).out.rfind("web\t", 0) == 0);
}

TEST_CASE("radmark pacs echo and query through the command line", "[pacs][orthanc][cli]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const WrittenSeries series = uploadSyntheticSeries(orthanc, 3, "CLI-Q1", "PAT-CLI");
    const std::string project = newProjectPath();
    addOrthanc(project, orthanc);
    CliResult result = runCli({ "pacs", "echo", project, "orthanc" });
    CHECK(result.exitCode == 0);
    CHECK(result.out.rfind("C-ECHO to ORTHANC@127.0.0.1:", 0) == 0);

    result = runCli({ "pacs", "query", project, "orthanc", "--accession", "CLI-Q1" });
    CHECK(result.exitCode == 0);
    CHECK(result.out
        == "study_uid\tpatient_id\tpatient_name\taccession\tdate\tmodalities\tseries\tinstances\tdescription\n"
            + series.studyInstanceUid
            + "\tPAT-CLI\tDemo^Phantom\tCLI-Q1\t20260101\tCT\t1\t3\t"
              "CT ABDOMEN PELVIS W CONTRAST (SYNTHETIC)\n1 studies from 1 on\n");
    result = runCli({ "pacs", "query", project, "orthanc", "--date", "2026-01" });
    CHECK(result.exitCode == 2);

    orthanc.stop();
    result = runCli({ "pacs", "echo", project, "orthanc" });
    CHECK(result.exitCode == 1);
    CHECK(result.err
        == "radmark pacs: ORTHANC@127.0.0.1:" + std::to_string(orthanc.dicomPort())
            + ": connection refused (nothing listens on 127.0.0.1:" + std::to_string(orthanc.dicomPort())
            + "; is the archive running, is the port right?)\n");
}

TEST_CASE(
    "A retrieve killed midway leaves no half file imported and the next retrieve completes", "[pacs][orthanc][cli]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const WrittenSeries series = uploadSyntheticSeries(orthanc, 150, "KILL-1", "PAT-KILL", 256);
    const std::string project = newProjectPath();
    addOrthanc(project, orthanc);
    const std::string cache = pacsCacheFolder(project);
    const std::string folder = fs::path(project).parent_path().string();
    const int pid = startRetrieveAndWait(
        { "pacs", "retrieve", project, "orthanc", "--study", series.studyInstanceUid }, cache, 20, folder);
    ::kill(pid, SIGKILL);
    CHECK(waitCli(pid) == 128 + SIGKILL);
    const std::size_t cachedAtKill = completeFilesIn(cache);
    INFO("complete files in the cache when killed: " << cachedAtKill);
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadOnly);
        // Whatever the project indexed is a complete file (a partial name never reaches the importer).
        for (const SeriesSummary& one : store->series()) {
            for (const InstanceRecord& instance : store->seriesInstances(one.seriesUid)) {
                CHECK(instance.filePath.find(".part") == std::string::npos);
                CHECK(fs::file_size(instance.filePath) == static_cast<std::uintmax_t>(instance.fileSizeBytes));
            }
        }
        CHECK(store->counts().instances <= static_cast<std::int64_t>(cachedAtKill));
    }
    const CliResult resumed = runCli({ "pacs", "retrieve", project, "orthanc", "--study", series.studyInstanceUid });
    CHECK(resumed.exitCode == 0);
    CHECK(resumed.out.find("[1/1] " + series.studyInstanceUid + ": 150 images via default ("
              + std::to_string(150 - cachedAtKill) + " fetched, " + std::to_string(cachedAtKill)
              + " already in the cache), imported")
        != std::string::npos);
    auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadOnly);
    CHECK(store->counts().instances == 150);
    for (std::size_t index = 0; index < series.filePaths.size(); index += 37) {
        const std::string cached = cachedInstancePath(
            cache, series.studyInstanceUid, series.seriesInstanceUid, series.sopInstanceUids[index]);
        CHECK(datasetBytes(readWholeFile(cached)) == datasetBytes(readWholeFile(series.filePaths[index])));
    }
}

TEST_CASE("Ctrl-C stops a retrieve within a second and says how far it got", "[pacs][orthanc][cli]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const WrittenSeries series = uploadSyntheticSeries(orthanc, 150, "INT-1", "PAT-INT", 256);
    const std::string project = newProjectPath();
    addOrthanc(project, orthanc);
    const std::string folder = fs::path(project).parent_path().string();
    const int pid = startRetrieveAndWait({ "pacs", "retrieve", project, "orthanc", "--study", series.studyInstanceUid },
        pacsCacheFolder(project), 20, folder);
    const auto start = std::chrono::steady_clock::now();
    ::kill(pid, SIGINT);
    const int exitCode = waitCli(pid);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string out = readWholeFile(folder + "/stdout.txt");
    INFO(out << readWholeFile(folder + "/stderr.txt"));
    CHECK(seconds < 1.0);
    if (exitCode == 130) {
        CHECK(out.find(series.studyInstanceUid + ": cancelled after ") != std::string::npos);
        CHECK(out.find("(run the same command again to fetch the rest)") != std::string::npos);
    } else {
        CHECK(exitCode == 0); // it had finished just before the signal
    }
}

TEST_CASE("A batch retrieve from a CSV of accession numbers names bad and unknown rows", "[pacs][orthanc][cli]")
{
    RADMARK_REQUIRE_ORTHANC();
    const int localPort = freeLocalPort();
    OrthancOptions options;
    options.modalities = { { "RADMARK", localPort } };
    OrthancServer orthanc(options);
    const WrittenSeries first = uploadSyntheticSeries(orthanc, 3, "BATCH-1", "PAT-B1");
    const WrittenSeries second = uploadSyntheticSeries(orthanc, 4, "BATCH-2", "PAT-B2");
    const std::string project = newProjectPath();
    addOrthanc(project, orthanc, localPort);
    const std::string csv = fs::path(project).parent_path().string() + "/accessions.csv";
    std::ofstream(csv) << "accession,note\nBATCH-1,first\n,empty\nNOPE,unknown\nBATCH-2,second\n";
    const CliResult result = runCli({ "pacs", "retrieve", project, "orthanc", "--accessions", csv, "--via", "cmove" });
    CHECK(result.exitCode == 1);
    // Rows are looked up and fetched one after the other: [row/valid rows].
    CHECK(result.out
        == "[1/3] " + first.studyInstanceUid
            + ": 3 images via C-MOVE (3 fetched, 0 already in the cache), "
              "imported\n[3/3] "
            + second.studyInstanceUid
            + ": 4 images via C-MOVE (4 fetched, 0 already in "
              "the cache), imported\n2 of 2 studies complete; 7 images fetched, 0 already in the cache ("
            + pacsCacheFolder(project) + ")\n");
    CHECK(result.err
        == "radmark pacs retrieve: " + csv
            + ": line 3: empty accession number\n"
              "radmark pacs retrieve: "
            + csv + ": line 4: accession NOPE matches no study on orthanc\n");
    auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadOnly);
    CHECK(store->counts().instances == 7);
}

TEST_CASE(
    "radmark pacs send-sr stores the TID 1500 report of an annotated series on the archive", "[pacs][orthanc][cli]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const WrittenSeries series = uploadSyntheticSeries(orthanc, 8, "SR-1", "PAT-SR");
    const std::string project = newProjectPath();
    addOrthanc(project, orthanc);
    REQUIRE(runCli({ "pacs", "retrieve", project, "orthanc", "--study", series.studyInstanceUid }).exitCode == 0);
    const CliResult annotated = runCli({ "annotate", project, "--series", series.seriesInstanceUid, "--slice", "4",
        "--recist", "10,20,30,20,20,15,20,25", "--author", "Dr A" });
    REQUIRE(annotated.exitCode == 0);
    const int before = orthanc.instanceCount();
    const CliResult sent = runCli({ "pacs", "send-sr", project, "orthanc", "--series", series.seriesInstanceUid });
    INFO(sent.err);
    REQUIRE(sent.exitCode == 0);
    CHECK(orthanc.instanceCount() == before + 1);
    const std::string marker = "SOP Instance UID ";
    const std::size_t at = sent.out.find(marker);
    REQUIRE(at != std::string::npos);
    const std::string srUid = sent.out.substr(at + marker.size(), sent.out.find(')', at) - at - marker.size());
    CHECK(sent.out.find("TID 1500 report of series " + series.seriesInstanceUid + " (1 marks") == 0);

    // Read back from Orthanc: an SR in the images' study, for the same patient, whose marks import as the same mark.
    const std::string srFile = fs::path(project).parent_path().string() + "/from-orthanc-sr.dcm";
    std::ofstream(srFile, std::ios::binary) << orthanc.instanceFile(srUid);
    const std::string id = orthanc.lookup(srUid);
    auto tag = [&](const std::string& key) {
        std::string value = orthanc.get("/instances/" + id + "/content/" + key).body;
        while (!value.empty() && (value.back() == ' ' || value.back() == '\0')) {
            value.pop_back();
        }
        return value;
    };
    CHECK(tag("0008,0060") == "SR");
    CHECK(tag("0008,0016") == "1.2.840.10008.5.1.4.1.1.88.33"); // Comprehensive SR
    CHECK(tag("0020,000d") == series.studyInstanceUid);
    CHECK(tag("0010,0020") == "PAT-SR");
    auto store = ProjectStore::open(project, ProjectStore::OpenMode::ReadWrite);
    const ImportSummary summary = importPaths(*store, { srFile });
    CHECK(summary.marksImported == 0);
    CHECK(summary.marksAlreadyPresent == 1);
    CHECK(summary.measurementsNotImported.empty());
}
