#include "cli/CommandArguments.h"
#include "cli/PacsCommands.h"
#include "cli/ProjectArgument.h"
#include "cli/Subcommands.h"
#include "radmark/annotation/JsonWriter.h"
#include "radmark/storage/pacs/PacsConnection.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"

#include <filesystem>
#include <iostream>

namespace radmark::app {

namespace {

std::unique_ptr<storage::ProjectStore> openWritable(
    const CommandArguments& parsed, storage::ProjectStore::OpenMode mode = storage::ProjectStore::OpenMode::ReadWrite)
{
    auto project = openProjectArgument(parsed, mode);
    if (project->isReadOnly()) {
        throw storage::ProjectError(project->path() + ": read-only (" + project->readOnlyReason() + ")");
    }
    return project;
}

int runAdd(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments,
        { "dimse", "local-aet", "local-port", "dicomweb", "user", "password-file", "token-file" }, { "replace" });
    if (parsed.positionals().size() != 2) {
        throw UsageError("give PROJECT and NAME");
    }
    storage::PacsConnection connection;
    connection.name = parsed.positionals()[1];
    const auto dimse = parsed.value("dimse");
    const auto dicomWeb = parsed.value("dicomweb");
    if (dimse.has_value() == dicomWeb.has_value()) {
        throw UsageError("give either --dimse AET@HOST:PORT or --dicomweb URL");
    }
    if (dimse) {
        for (const char* webOnly : { "user", "password-file", "token-file" }) {
            if (parsed.has(webOnly)) {
                throw UsageError(std::string("--") + webOnly + " belongs to --dicomweb connections");
            }
        }
        storage::parseDimseAddress(*dimse, connection);
        if (const auto localAet = parsed.value("local-aet")) {
            connection.localAeTitle = *localAet;
        }
        if (const auto localPort = parsed.integer("local-port")) {
            connection.localPort = *localPort;
        }
    } else {
        for (const char* dimseOnly : { "local-aet", "local-port" }) {
            if (parsed.has(dimseOnly)) {
                throw UsageError(std::string("--") + dimseOnly + " belongs to --dimse connections");
            }
        }
        connection.kind = storage::PacsConnection::Kind::DicomWeb;
        connection.baseUrl = *dicomWeb;
        while (connection.baseUrl.size() > 8 && connection.baseUrl.back() == '/') {
            connection.baseUrl.pop_back();
        }
        if (parsed.has("token-file") && (parsed.has("user") || parsed.has("password-file"))) {
            throw UsageError("give --user with --password-file, or --token-file, not both");
        }
        if (parsed.has("user") != parsed.has("password-file")) {
            throw UsageError("--user and --password-file go together");
        }
        if (const auto user = parsed.value("user")) {
            connection.auth = storage::PacsConnection::Auth::Basic;
            connection.user = *user;
            connection.passwordFile = std::filesystem::absolute(*parsed.value("password-file")).string();
            storage::readSecretFile(connection.passwordFile); // refuse an unreadable file now, not at the first query
        } else if (const auto token = parsed.value("token-file")) {
            connection.auth = storage::PacsConnection::Auth::Bearer;
            connection.tokenFile = std::filesystem::absolute(*token).string();
            storage::readSecretFile(connection.tokenFile);
        }
    }
    // Like import, add creates the project: a connection is often the first thing set up.
    const auto project = openWritable(parsed, storage::ProjectStore::OpenMode::CreateIfMissing);
    storage::MarkStore marks(*project);
    storage::addPacsConnection(marks, connection, parsed.has("replace"));
    std::cout << "PACS connection " << connection.name << " added: " << describePacsConnection(connection) << "\n";
    return 0;
}

int runList(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, { "json" });
    if (parsed.positionals().size() != 1) {
        throw UsageError("give PROJECT");
    }
    const auto project = openProjectArgument(parsed, storage::ProjectStore::OpenMode::ReadOnly);
    const storage::MarkStore marks(*project);
    const std::vector<storage::PacsConnection> connections = storage::loadPacsConnections(marks);
    if (parsed.has("json")) {
        annotation::JsonWriter json(std::cout);
        json.beginArray();
        for (const storage::PacsConnection& connection : connections) {
            json.beginObject().key("name").value(connection.name).key("kind").value(storage::toString(connection.kind));
            if (connection.kind == storage::PacsConnection::Kind::Dimse) {
                json.key("called_aet").value(connection.calledAeTitle).key("host").value(connection.host);
                json.key("port").value(connection.port).key("local_aet").value(connection.localAeTitle);
                json.key("local_port").value(connection.localPort);
            } else {
                json.key("base_url").value(connection.baseUrl).key("auth").value(storage::toString(connection.auth));
                json.key("user").value(connection.user).key("password_file").value(connection.passwordFile);
                json.key("token_file").value(connection.tokenFile);
            }
            json.endObject();
        }
        json.endArray();
        std::cout << "\n";
        return 0;
    }
    if (connections.empty()) {
        std::cout << "No PACS connections (radmark pacs add " << project->path() << " NAME ...)\n";
    }
    for (const storage::PacsConnection& connection : connections) {
        std::cout << connection.name << "\t" << describePacsConnection(connection) << "\n";
    }
    return 0;
}

int runRemove(const std::vector<std::string>& arguments)
{
    const CommandArguments parsed(arguments, {}, {});
    if (parsed.positionals().size() != 2) {
        throw UsageError("give PROJECT and NAME");
    }
    const auto project = openWritable(parsed);
    storage::MarkStore marks(*project);
    if (!storage::removePacsConnection(marks, parsed.positionals()[1])) {
        throw storage::ProjectError(project->path() + ": no PACS connection named " + parsed.positionals()[1]);
    }
    std::cout << "PACS connection " << parsed.positionals()[1] << " removed\n";
    return 0;
}

} // namespace

std::string describePacsConnection(const storage::PacsConnection& connection)
{
    if (connection.kind == storage::PacsConnection::Kind::Dimse) {
        return "DIMSE " + connection.calledAeTitle + "@" + connection.host + ":" + std::to_string(connection.port)
            + " as " + connection.localAeTitle
            + (connection.localPort > 0 ? " (C-MOVE to port " + std::to_string(connection.localPort) + ")"
                                        : " (C-GET only: no local port)");
    }
    std::string text = "DICOMweb " + connection.baseUrl;
    if (connection.auth == storage::PacsConnection::Auth::Basic) {
        text += " (basic: " + connection.user + ", password in " + connection.passwordFile + ")";
    } else if (connection.auth == storage::PacsConnection::Auth::Bearer) {
        text += " (bearer token in " + connection.tokenFile + ")";
    }
    return text;
}

int runPacsCommand(const std::vector<std::string>& arguments)
{
    if (arguments.empty()) {
        throw UsageError("give an action: add, list, remove, echo, query, retrieve, send-sr");
    }
    const std::string& action = arguments.front();
    const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
    if (action == "add") {
        return runAdd(rest);
    }
    if (action == "list") {
        return runList(rest);
    }
    if (action == "remove") {
        return runRemove(rest);
    }
    if (action == "echo") {
        return runPacsEcho(rest);
    }
    if (action == "query") {
        return runPacsQuery(rest);
    }
    if (action == "retrieve") {
        return runPacsRetrieve(rest);
    }
    if (action == "send-sr") {
        return runPacsSendSr(rest);
    }
    throw UsageError("unknown action '" + action + "'");
}

} // namespace radmark::app
