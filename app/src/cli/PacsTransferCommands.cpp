#include "cli/CommandArguments.h"
#include "cli/PacsCommands.h"
#include "cli/ProjectArgument.h"
#include "pacs/PacsClientFactory.h"
#include "radmark/annotation/JsonWriter.h"
#include "radmark/storage/pacs/ArchiveMeasurementReport.h"
#include "radmark/storage/pacs/PacsCache.h"
#include "radmark/storage/pacs/PacsRetrieve.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>

namespace radmark::app {

namespace {

std::atomic<bool> interruptRequested { false };

void onInterrupt(int)
{
    interruptRequested = true;
}

// Ctrl-C sets the cancel flag (the transfer stops within a second, keeping what arrived); restored on exit.
class InterruptAsCancel {
public:
    InterruptAsCancel()
    {
        interruptRequested = false;
        struct sigaction action { };
        action.sa_handler = onInterrupt;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &m_previousInt);
        sigaction(SIGTERM, &action, &m_previousTerm);
    }
    ~InterruptAsCancel()
    {
        sigaction(SIGINT, &m_previousInt, nullptr);
        sigaction(SIGTERM, &m_previousTerm, nullptr);
    }
    const std::atomic<bool>* flag() const { return &interruptRequested; }

private:
    struct sigaction m_previousInt { };
    struct sigaction m_previousTerm { };
};

storage::PacsConnection connectionArgument(const CommandArguments& parsed, storage::ProjectStore& project)
{
    if (parsed.positionals().size() < 2) {
        throw UsageError("give PROJECT and NAME");
    }
    const storage::MarkStore marks(project);
    const std::string& name = parsed.positionals()[1];
    const std::optional<storage::PacsConnection> connection = storage::findPacsConnection(marks, name);
    if (!connection) {
        std::string known;
        for (const storage::PacsConnection& other : storage::loadPacsConnections(marks)) {
            known += (known.empty() ? "" : ", ") + other.name;
        }
        throw storage::ProjectError(project.path() + ": no PACS connection named " + name
            + (known.empty() ? " (none yet: radmark pacs add)" : " (known: " + known + ")"));
    }
    return *connection;
}

std::unique_ptr<storage::ProjectStore> openForWriting(const CommandArguments& parsed)
{
    auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadWrite);
    if (project->isReadOnly()) {
        throw storage::ProjectError(project->path() + ": read-only (" + project->readOnlyReason() + ")");
    }
    return project;
}

void parseDateRange(const std::string& text, storage::PacsStudyQuery& query)
{
    auto isDate = [](const std::string& value) {
        return value.empty() || (value.size() == 8 && value.find_first_not_of("0123456789") == std::string::npos);
    };
    const std::size_t dash = text.find('-');
    query.studyDateFrom = dash == std::string::npos ? text : text.substr(0, dash);
    query.studyDateTo = dash == std::string::npos ? text : text.substr(dash + 1);
    if (!isDate(query.studyDateFrom) || !isDate(query.studyDateTo)
        || (query.studyDateFrom.empty() && query.studyDateTo.empty())) {
        throw UsageError("--date wants YYYYMMDD, YYYYMMDD-YYYYMMDD, YYYYMMDD- or -YYYYMMDD, not '" + text + "'");
    }
}

std::string joined(const std::vector<std::string>& values, const char* separator)
{
    std::string text;
    for (const std::string& value : values) {
        text += (text.empty() ? "" : separator) + value;
    }
    return text;
}

std::string viaText(storage::PacsRetrieveMethod method)
{
    switch (method) {
    case storage::PacsRetrieveMethod::CGet:
        return "C-GET";
    case storage::PacsRetrieveMethod::CMove:
        return "C-MOVE";
    case storage::PacsRetrieveMethod::Wado:
        return "WADO-RS";
    case storage::PacsRetrieveMethod::Default:
        break;
    }
    return "default";
}

} // namespace

int runPacsEcho(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, {});
    if (parsed.positionals().size() != 2) {
        throw UsageError("give PROJECT and NAME");
    }
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    const storage::PacsConnection connection = connectionArgument(parsed, *project);
    std::cout << makePacsClient(connection)->echo() << "\n";
    return 0;
}

int runPacsQuery(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments,
        { "accession", "patient-id", "patient-name", "date", "modality", "description", "study", "limit", "offset" },
        { "json" });
    if (parsed.positionals().size() != 2) {
        throw UsageError("give PROJECT and NAME");
    }
    storage::PacsStudyQuery query;
    query.accessionNumber = parsed.value("accession").value_or("");
    query.patientId = parsed.value("patient-id").value_or("");
    query.patientName = parsed.value("patient-name").value_or("");
    query.modality = parsed.value("modality").value_or("");
    query.studyDescription = parsed.value("description").value_or("");
    query.studyInstanceUid = parsed.value("study").value_or("");
    if (const auto date = parsed.value("date")) {
        parseDateRange(*date, query);
    }
    if (const auto limit = parsed.integer("limit")) {
        if (*limit < 1 || *limit > 10000) {
            throw UsageError("--limit must be 1-10000");
        }
        query.limit = static_cast<std::size_t>(*limit);
    }
    if (const auto offset = parsed.integer("offset")) {
        if (*offset < 0) {
            throw UsageError("--offset must be 0 or more");
        }
        query.offset = static_cast<std::size_t>(*offset);
    }
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    const storage::PacsConnection connection = connectionArgument(parsed, *project);
    const InterruptAsCancel interrupt;
    storage::PacsQueryPage page;
    try {
        page = makePacsClient(connection)->queryStudies(query, interrupt.flag());
    } catch (const storage::PacsError& error) {
        if (error.kind() != storage::PacsError::Kind::Cancelled) {
            throw;
        }
        std::cerr << "radmark pacs query: cancelled\n";
        return 130;
    }
    if (parsed.has("json")) {
        annotation::JsonWriter json(std::cout);
        json.beginObject().key("offset").value(static_cast<std::int64_t>(query.offset));
        json.key("more").value(page.more).key("studies").beginArray();
        for (const storage::PacsStudy& study : page.studies) {
            json.beginObject()
                .key("study_uid")
                .value(study.studyInstanceUid)
                .key("patient_id")
                .value(study.patientId)
                .key("patient_name")
                .value(study.patientName)
                .key("accession")
                .value(study.accessionNumber)
                .key("study_date")
                .value(study.studyDate)
                .key("description")
                .value(study.studyDescription)
                .key("modalities")
                .value(study.modalities)
                .key("series")
                .value(study.seriesCount)
                .key("instances")
                .value(study.instanceCount)
                .endObject();
        }
        json.endArray().endObject();
        std::cout << "\n";
        return 0;
    }
    std::cout << "study_uid\tpatient_id\tpatient_name\taccession\tdate\tmodalities\tseries\tinstances\tdescription\n";
    for (const storage::PacsStudy& study : page.studies) {
        std::cout << study.studyInstanceUid << "\t" << study.patientId << "\t" << study.patientName << "\t"
                  << study.accessionNumber << "\t" << study.studyDate << "\t" << joined(study.modalities, "\\") << "\t"
                  << study.seriesCount << "\t" << study.instanceCount << "\t" << study.studyDescription << "\n";
    }
    std::cout << page.studies.size() << " studies from " << query.offset + 1 << " on";
    if (page.more) {
        std::cout << "; more match: narrow the query or add --offset " << query.offset + page.studies.size();
    }
    std::cout << "\n";
    return 0;
}

int runPacsRetrieve(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "study", "series", "accessions", "via" }, { "quiet" });
    if (parsed.positionals().size() != 2) {
        throw UsageError("give PROJECT and NAME");
    }
    if (parsed.has("study") == parsed.has("accessions")) {
        throw UsageError("give --study UID or --accessions FILE.csv");
    }
    if (parsed.has("series") && !parsed.has("study")) {
        throw UsageError("--series goes with --study");
    }
    storage::PacsRetrieveMethod method = storage::PacsRetrieveMethod::Default;
    if (const auto via = parsed.value("via")) {
        if (*via == "cget") {
            method = storage::PacsRetrieveMethod::CGet;
        } else if (*via == "cmove") {
            method = storage::PacsRetrieveMethod::CMove;
        } else if (*via == "wado") {
            method = storage::PacsRetrieveMethod::Wado;
        } else {
            throw UsageError("--via must be wado, cget or cmove");
        }
    }
    const bool quiet = parsed.has("quiet");
    const auto project = openForWriting(parsed);
    const storage::PacsConnection connection = connectionArgument(parsed, *project);

    // Studies are fetched as they are found (a CSV row is looked up, its studies fetched, then the next row), so a
    // 100,000-row list starts at once and an interruption loses nothing; problems are printed when they happen.
    const InterruptAsCancel interrupt;
    const std::unique_ptr<storage::PacsClient> client = makePacsClient(connection);
    std::size_t problems = 0;
    auto reportProblem = [&](const std::string& problem) {
        ++problems;
        std::cerr << "radmark pacs retrieve: " << problem << "\n";
    };
    std::size_t attempted = 0;
    std::size_t complete = 0;
    std::size_t received = 0;
    std::size_t present = 0;
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    // Fetches one study; returns false when the batch must stop (cancelled, or the archive cannot be reached).
    auto retrieveStudy = [&](const std::string& studyUid, const std::string& origin, const std::string& position) {
        ++attempted;
        storage::PacsRetrieveRequest request;
        request.studyInstanceUid = studyUid;
        request.seriesInstanceUid = parsed.value("series").value_or("");
        request.method = method;
        storage::PacsRetrieveOptions options;
        options.cancel = interrupt.flag();
        const std::string prefix = position + " " + studyUid + ": ";
        auto lastLine = std::chrono::steady_clock::now();
        options.onProgress = [&](const storage::PacsStudyProgress& progress) {
            if (quiet) {
                return;
            }
            const auto now = std::chrono::steady_clock::now();
            if (!terminal && now - lastLine < std::chrono::seconds(2)) {
                return;
            }
            lastLine = now;
            std::cerr << (terminal ? "\r" : "") << prefix << progress.done() << "/" << progress.expected << " images"
                      << (progress.alreadyPresent > 0
                                 ? " (" + std::to_string(progress.alreadyPresent) + " already here)"
                                 : std::string {})
                      << (terminal ? "   " : "\n") << std::flush;
        };
        try {
            const storage::PacsRetrieveOutcome outcome
                = storage::retrieveIntoProject(*project, *client, request, options);
            if (terminal && !quiet) {
                std::cerr << "\n";
            }
            received += outcome.progress.received;
            present += outcome.progress.alreadyPresent;
            for (const std::string& warning : outcome.warnings) {
                std::cerr << "radmark pacs retrieve: " << studyUid << ": " << warning << "\n";
            }
            if (outcome.cancelled) {
                std::cout << prefix << "cancelled after " << outcome.progress.done() << "/" << outcome.progress.expected
                          << " images (run the same command again to fetch the rest)\n";
                return false;
            }
            if (outcome.complete()) {
                ++complete;
                std::cout << prefix << outcome.progress.expected << " images via " << viaText(method) << " ("
                          << outcome.progress.received << " fetched, " << outcome.progress.alreadyPresent
                          << " already in the cache), imported" << std::endl;
            } else {
                reportProblem(origin + ": " + std::to_string(outcome.missingSopInstanceUids.size()) + " of "
                    + std::to_string(outcome.progress.expected)
                    + " images did not arrive (first: " + outcome.missingSopInstanceUids.front() + ")");
            }
            return true;
        } catch (const storage::PacsError& error) {
            if (terminal && !quiet) {
                std::cerr << "\n";
            }
            reportProblem(origin + ": " + error.what());
            using Kind = storage::PacsError::Kind;
            return !(error.kind() == Kind::Refused || error.kind() == Kind::Timeout
                || error.kind() == Kind::AssociationRejected || error.kind() == Kind::Configuration);
        }
    };

    if (const auto study = parsed.value("study")) {
        retrieveStudy(*study, "study " + *study, "[1/1]");
    } else {
        const std::string csv = *parsed.value("accessions");
        const storage::AccessionList list = storage::readAccessionList(csv);
        for (const std::string& bad : list.badRows) {
            reportProblem(csv + ": " + bad);
        }
        bool goOn = true;
        for (std::size_t index = 0; index < list.rows.size() && goOn && !interrupt.flag()->load(); ++index) {
            const storage::AccessionListRow& row = list.rows[index];
            const std::string origin
                = csv + ": line " + std::to_string(row.line) + ": accession " + row.accessionNumber;
            storage::PacsStudyQuery query;
            query.accessionNumber = row.accessionNumber;
            query.limit = 20;
            storage::PacsQueryPage page;
            try {
                page = client->queryStudies(query, interrupt.flag());
            } catch (const storage::PacsError& error) {
                if (error.kind() == storage::PacsError::Kind::Cancelled) {
                    break;
                }
                reportProblem(origin + ": " + error.what());
                using Kind = storage::PacsError::Kind;
                goOn = !(error.kind() == Kind::Refused || error.kind() == Kind::Timeout
                    || error.kind() == Kind::AssociationRejected || error.kind() == Kind::Configuration);
                continue;
            }
            if (page.studies.empty()) {
                reportProblem(origin + " matches no study on " + connection.name);
            }
            const std::string position = "[" + std::to_string(index + 1) + "/" + std::to_string(list.rows.size()) + "]";
            for (const storage::PacsStudy& match : page.studies) {
                if (!retrieveStudy(match.studyInstanceUid, origin, position)) {
                    goOn = false;
                    break;
                }
            }
        }
    }
    std::cout << complete << " of " << attempted << " studies complete; " << received << " images fetched, " << present
              << " already in the cache (" << storage::pacsCacheFolder(project->path()) << ")\n";
    if (interrupt.flag()->load()) {
        return 130;
    }
    return problems == 0 && complete == attempted ? 0 : 1;
}

int runPacsSendSr(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, { "series" }, {});
    if (parsed.positionals().size() != 2) {
        throw UsageError("give PROJECT and NAME");
    }
    const auto series = parsed.value("series");
    if (!series) {
        throw UsageError("give --series UID (the annotated series)");
    }
    const auto project = openForWriting(parsed);
    const storage::PacsConnection connection = connectionArgument(parsed, *project);
    const std::filesystem::path folder = std::filesystem::path(storage::pacsCacheFolder(project->path())) / "outgoing";
    std::filesystem::create_directories(folder);
    const std::filesystem::path file = folder / (*series + ".sr.dcm");
    const storage::ArchiveMeasurementReport report
        = storage::writeArchiveMeasurementReport(*project, *series, file.string());
    const std::string answer = makePacsClient(connection)->store(report.filePath);
    std::cout << "TID 1500 report of series " << *series << " (" << report.marks << " marks, SOP Instance UID "
              << report.sopInstanceUid << ") sent to " << connection.name << ": " << answer << "\n";
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
    return 0;
}

} // namespace radmark::app
