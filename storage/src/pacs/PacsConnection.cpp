#include "radmark/storage/pacs/PacsConnection.h"

#include "radmark/annotation/JsonWriter.h"
#include "radmark/annotation/reports/JsonValue.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace radmark::storage {

namespace {

constexpr char settingKey[] = "pacs_connections";

bool isNameCharacter(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
}

void checkAeTitle(const std::string& aeTitle, const std::string& field, const std::string& name)
{
    if (aeTitle.empty()) {
        throw ProjectError("PACS connection " + name + ": " + field + " is empty");
    }
    if (aeTitle.size() > 16) {
        throw ProjectError(
            "PACS connection " + name + ": " + field + " '" + aeTitle + "' is longer than 16 characters");
    }
    for (const char c : aeTitle) {
        if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) {
            throw ProjectError("PACS connection " + name + ": " + field + " '" + aeTitle
                + "' holds a backslash or a non-printable character");
        }
    }
    if (aeTitle.find_first_not_of(' ') == std::string::npos) {
        throw ProjectError("PACS connection " + name + ": " + field + " is only spaces");
    }
}

void checkPort(int port, const std::string& field, const std::string& name, bool zeroAllowed)
{
    if ((port == 0 && zeroAllowed) || (port >= 1 && port <= 65535)) {
        return;
    }
    throw ProjectError("PACS connection " + name + ": " + field + " " + std::to_string(port) + " is outside 1-65535");
}

int parsePort(const std::string& text, const std::string& what)
{
    if (text.empty() || text.size() > 5 || !std::all_of(text.begin(), text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
        throw ProjectError(what + " '" + text + "' is not a port number (1-65535)");
    }
    const int port = std::stoi(text);
    if (port < 1 || port > 65535) {
        throw ProjectError(what + " " + text + " is outside 1-65535");
    }
    return port;
}

PacsConnection::Kind kindFromText(const std::string& text)
{
    if (text == "dimse") {
        return PacsConnection::Kind::Dimse;
    }
    if (text == "dicomweb") {
        return PacsConnection::Kind::DicomWeb;
    }
    throw ProjectError("the project's PACS connections hold an unknown kind '" + text + "'");
}

PacsConnection::Auth authFromText(const std::string& text)
{
    if (text == "none" || text.empty()) {
        return PacsConnection::Auth::None;
    }
    if (text == "basic") {
        return PacsConnection::Auth::Basic;
    }
    if (text == "bearer") {
        return PacsConnection::Auth::Bearer;
    }
    throw ProjectError("the project's PACS connections hold an unknown authentication '" + text + "'");
}

std::string stringMember(const annotation::JsonValue& object, const char* key)
{
    const annotation::JsonValue* value = object.find(key);
    return value != nullptr && value->type == annotation::JsonValue::Type::String ? value->string : std::string {};
}

int intMember(const annotation::JsonValue& object, const char* key)
{
    const annotation::JsonValue* value = object.find(key);
    return value != nullptr && value->type == annotation::JsonValue::Type::Number ? static_cast<int>(value->number) : 0;
}

std::string toJson(const std::vector<PacsConnection>& connections)
{
    annotation::JsonWriter json(false);
    json.beginArray();
    for (const PacsConnection& connection : connections) {
        json.beginObject();
        json.key("name").value(connection.name);
        json.key("kind").value(toString(connection.kind));
        if (connection.kind == PacsConnection::Kind::Dimse) {
            json.key("called_aet").value(connection.calledAeTitle);
            json.key("host").value(connection.host);
            json.key("port").value(connection.port);
            json.key("local_aet").value(connection.localAeTitle);
            json.key("local_port").value(connection.localPort);
        } else {
            json.key("base_url").value(connection.baseUrl);
            json.key("auth").value(toString(connection.auth));
            json.key("user").value(connection.user);
            json.key("password_file").value(connection.passwordFile);
            json.key("token_file").value(connection.tokenFile);
        }
        json.endObject();
    }
    json.endArray();
    return json.text();
}

void saveConnections(MarkStore& marks, const std::vector<PacsConnection>& connections)
{
    marks.putSetting(settingKey, toJson(connections));
}

} // namespace

const char* toString(PacsConnection::Kind kind)
{
    return kind == PacsConnection::Kind::Dimse ? "dimse" : "dicomweb";
}

const char* toString(PacsConnection::Auth auth)
{
    switch (auth) {
    case PacsConnection::Auth::Basic:
        return "basic";
    case PacsConnection::Auth::Bearer:
        return "bearer";
    case PacsConnection::Auth::None:
        break;
    }
    return "none";
}

void validatePacsConnection(const PacsConnection& connection)
{
    const std::string& name = connection.name;
    if (name.empty()) {
        throw ProjectError("a PACS connection needs a name");
    }
    if (name.size() > 64 || !std::all_of(name.begin(), name.end(), isNameCharacter)) {
        throw ProjectError("PACS connection name '" + name + "': use at most 64 letters, digits, '-', '_' or '.'");
    }
    if (connection.kind == PacsConnection::Kind::Dimse) {
        checkAeTitle(connection.calledAeTitle, "the archive's AE title", name);
        checkAeTitle(connection.localAeTitle, "the local AE title", name);
        if (connection.host.empty()) {
            throw ProjectError("PACS connection " + name + ": the host is empty");
        }
        checkPort(connection.port, "port", name, false);
        checkPort(connection.localPort, "local port", name, true);
        return;
    }
    const std::string& url = connection.baseUrl;
    const bool http = url.rfind("http://", 0) == 0 && url.size() > 7;
    const bool https = url.rfind("https://", 0) == 0 && url.size() > 8;
    if (!http && !https) {
        throw ProjectError(
            "PACS connection " + name + ": the DICOMweb URL '" + url + "' does not start with http:// or https://");
    }
    if (connection.auth == PacsConnection::Auth::Basic
        && (connection.user.empty() || connection.passwordFile.empty())) {
        throw ProjectError("PACS connection " + name + ": basic authentication needs --user and --password-file");
    }
    if (connection.auth == PacsConnection::Auth::Bearer && connection.tokenFile.empty()) {
        throw ProjectError("PACS connection " + name + ": bearer authentication needs --token-file");
    }
}

void parseDimseAddress(const std::string& text, PacsConnection& connection)
{
    const std::size_t at = text.find('@');
    const std::size_t colon = text.rfind(':');
    if (at == std::string::npos || colon == std::string::npos || colon < at) {
        throw ProjectError("'" + text + "' is not AET@HOST:PORT (e.g. ORTHANC@pacs.example.org:4242)");
    }
    connection.calledAeTitle = text.substr(0, at);
    connection.host = text.substr(at + 1, colon - at - 1);
    if (connection.host.size() > 2 && connection.host.front() == '[' && connection.host.back() == ']') {
        connection.host = connection.host.substr(1, connection.host.size() - 2); // [::1]
    }
    if (connection.calledAeTitle.empty()) {
        throw ProjectError("'" + text + "': the AE title before '@' is empty");
    }
    if (connection.host.empty()) {
        throw ProjectError("'" + text + "': the host between '@' and ':' is empty");
    }
    connection.port = parsePort(text.substr(colon + 1), "'" + text + "': the port");
}

std::vector<PacsConnection> loadPacsConnections(const MarkStore& marks)
{
    const std::optional<std::string> stored = marks.setting(settingKey);
    std::vector<PacsConnection> connections;
    if (!stored || stored->empty()) {
        return connections;
    }
    annotation::JsonValue root;
    try {
        root = annotation::parseJson(*stored);
    } catch (const annotation::JsonError& error) {
        throw ProjectError(
            std::string("the project's PACS connections (setting pacs_connections) are damaged: ") + error.what());
    }
    if (root.type != annotation::JsonValue::Type::Array) {
        throw ProjectError("the project's PACS connections (setting pacs_connections) are not a JSON array");
    }
    for (const annotation::JsonValue& item : root.items) {
        if (item.type != annotation::JsonValue::Type::Object) {
            throw ProjectError("the project's PACS connections (setting pacs_connections) hold a non-object entry");
        }
        PacsConnection connection;
        connection.name = stringMember(item, "name");
        connection.kind = kindFromText(stringMember(item, "kind"));
        connection.calledAeTitle = stringMember(item, "called_aet");
        connection.host = stringMember(item, "host");
        connection.port = intMember(item, "port");
        connection.localAeTitle = stringMember(item, "local_aet");
        connection.localPort = intMember(item, "local_port");
        connection.baseUrl = stringMember(item, "base_url");
        connection.auth = authFromText(stringMember(item, "auth"));
        connection.user = stringMember(item, "user");
        connection.passwordFile = stringMember(item, "password_file");
        connection.tokenFile = stringMember(item, "token_file");
        connections.push_back(connection);
    }
    return connections;
}

std::optional<PacsConnection> findPacsConnection(const MarkStore& marks, const std::string& name)
{
    for (const PacsConnection& connection : loadPacsConnections(marks)) {
        if (connection.name == name) {
            return connection;
        }
    }
    return std::nullopt;
}

void addPacsConnection(MarkStore& marks, const PacsConnection& connection, bool replace)
{
    validatePacsConnection(connection);
    std::vector<PacsConnection> connections = loadPacsConnections(marks);
    const auto existing = std::find_if(connections.begin(), connections.end(),
        [&](const PacsConnection& other) { return other.name == connection.name; });
    if (existing != connections.end()) {
        if (!replace) {
            throw ProjectError(
                "the project already has a PACS connection named " + connection.name + " (remove it first)");
        }
        *existing = connection;
    } else {
        connections.push_back(connection);
    }
    saveConnections(marks, connections);
}

bool removePacsConnection(MarkStore& marks, const std::string& name)
{
    std::vector<PacsConnection> connections = loadPacsConnections(marks);
    const auto end = std::remove_if(connections.begin(), connections.end(),
        [&](const PacsConnection& connection) { return connection.name == name; });
    if (end == connections.end()) {
        return false;
    }
    connections.erase(end, connections.end());
    saveConnections(marks, connections);
    return true;
}

std::string readSecretFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ProjectError(path + ": cannot read the secret file");
    }
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.pop_back();
    }
    if (line.empty()) {
        throw ProjectError(path + ": the secret file's first line is empty");
    }
    return line;
}

} // namespace radmark::storage
