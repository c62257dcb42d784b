#include "OrthancServer.h"

#include "TestPaths.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace radmark::testing {

namespace fs = std::filesystem;

namespace {

std::string base64(const std::string& input)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string output;
    std::size_t i = 0;
    for (; i + 2 < input.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(input[i]) << 16)
            | (static_cast<unsigned char>(input[i + 1]) << 8) | static_cast<unsigned char>(input[i + 2]);
        output += alphabet[(n >> 18) & 63];
        output += alphabet[(n >> 12) & 63];
        output += alphabet[(n >> 6) & 63];
        output += alphabet[n & 63];
    }
    if (i + 1 == input.size()) {
        const unsigned n = static_cast<unsigned char>(input[i]) << 16;
        output += alphabet[(n >> 18) & 63];
        output += alphabet[(n >> 12) & 63];
        output += "==";
    } else if (i + 2 == input.size()) {
        const unsigned n
            = (static_cast<unsigned char>(input[i]) << 16) | (static_cast<unsigned char>(input[i + 1]) << 8);
        output += alphabet[(n >> 18) & 63];
        output += alphabet[(n >> 12) & 63];
        output += alphabet[(n >> 6) & 63];
        output += '=';
    }
    return output;
}

std::string jsonString(const std::string& text)
{
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return quoted + "\"";
}

// The first "Key" : "value" string of a flat JSON answer (enough for Orthanc's small REST answers).
std::string jsonField(const std::string& json, const std::string& key)
{
    const std::string needle = "\"" + key + "\"";
    std::size_t at = json.find(needle);
    if (at == std::string::npos) {
        return {};
    }
    at = json.find('"', json.find(':', at + needle.size()) + 1);
    const std::size_t end = json.find('"', at + 1);
    return at == std::string::npos || end == std::string::npos ? std::string {} : json.substr(at + 1, end - at - 1);
}

} // namespace

int freeLocalPort()
{
    const int socketFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (socketFd < 0 || ::bind(socketFd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0
        || ::getsockname(socketFd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error(std::string("cannot find a free port: ") + std::strerror(errno));
    }
    const int port = ntohs(address.sin_port);
    ::close(socketFd);
    return port;
}

std::string readWholeFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(path + ": cannot read");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::string OrthancServer::binaryPath()
{
    const char* overridden = std::getenv("RADMARK_ORTHANC");
    return overridden != nullptr ? overridden : "/usr/sbin/Orthanc";
}

std::string OrthancServer::dicomWebPluginPath()
{
    return "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
}

bool OrthancServer::installed()
{
    return ::access(binaryPath().c_str(), X_OK) == 0 && fs::exists(dicomWebPluginPath());
}

OrthancServer::OrthancServer(OrthancOptions options)
    : m_options(std::move(options))
{
    m_folder = makeTemporaryFolder("radmark-orthanc");
    m_httpPort = freeLocalPort();
    do {
        m_dicomPort = freeLocalPort();
    } while (m_dicomPort == m_httpPort);

    std::ostringstream config;
    config << "{\n  \"Name\": \"RadMark test archive\",\n"
           << "  \"StorageDirectory\": " << jsonString(m_folder + "/storage") << ",\n"
           << "  \"IndexDirectory\": " << jsonString(m_folder + "/index") << ",\n"
           << "  \"StorageCompression\": false,\n"
           << "  \"HttpPort\": " << m_httpPort << ",\n"
           << "  \"DicomPort\": " << m_dicomPort << ",\n"
           << "  \"DicomAet\": " << jsonString(m_options.aeTitle) << ",\n"
           << "  \"DicomCheckCalledAet\": " << (m_options.checkCalledAeTitle ? "true" : "false") << ",\n"
           << "  \"RemoteAccessAllowed\": false,\n"
           << "  \"HttpServerEnabled\": true,\n"
           << "  \"DicomServerEnabled\": true,\n"
           << "  \"SaveJobs\": false,\n"
           << "  \"HttpTimeout\": 60,\n"
           << "  \"DicomScuTimeout\": 10,\n"
           << "  \"DicomScpTimeout\": 30,\n"
           << "  \"ExecuteLuaEnabled\": false,\n"
           << "  \"AuthenticationEnabled\": " << (m_options.user.empty() ? "false" : "true") << ",\n";
    if (!m_options.user.empty()) {
        config << "  \"RegisteredUsers\": { " << jsonString(m_options.user) << ": " << jsonString(m_options.password)
               << " },\n";
    }
    config << "  \"DicomModalities\": {";
    for (std::size_t i = 0; i < m_options.modalities.size(); ++i) {
        const OrthancModality& modality = m_options.modalities[i];
        config << (i == 0 ? "\n" : ",\n") << "    " << jsonString(modality.aeTitle)
               << ": { \"AET\": " << jsonString(modality.aeTitle) << ", \"Host\": " << jsonString(modality.host)
               << ", \"Port\": " << (modality.port > 0 ? modality.port : 104)
               << ", \"AllowEcho\": true, \"AllowFind\": true, \"AllowGet\": true, \"AllowMove\": true,"
               << " \"AllowStore\": true }";
    }
    config << "\n  },\n"
           << "  \"Plugins\": [ " << jsonString(dicomWebPluginPath()) << " ],\n"
           << "  \"DicomWeb\": { \"Enable\": true, \"Root\": \"/dicom-web/\", \"EnableWado\": true,"
           << " \"Ssl\": false, \"StudiesMetadata\": \"Full\", \"SeriesMetadata\": \"Full\" }\n}\n";
    const std::string configPath = m_folder + "/orthanc.json";
    std::ofstream(configPath) << config.str();

    const std::string logPath = m_folder + "/orthanc.log";
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error(std::string("cannot start Orthanc: ") + std::strerror(errno));
    }
    if (pid == 0) {
        const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (log >= 0) {
            ::dup2(log, STDOUT_FILENO);
            ::dup2(log, STDERR_FILENO);
            ::close(log);
        }
        const std::string binary = binaryPath();
        ::execl(binary.c_str(), binary.c_str(), configPath.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    m_pid = pid;

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = 0;
            throw std::runtime_error("Orthanc exited while starting; its log ends with:\n" + logTail());
        }
        if (get("/system").status == 200) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    stop();
    throw std::runtime_error("Orthanc did not answer /system within 30 s; its log ends with:\n" + logTail());
}

OrthancServer::~OrthancServer()
{
    stop();
    std::error_code ignored;
    fs::remove_all(m_folder, ignored);
}

void OrthancServer::stop()
{
    if (m_pid <= 0) {
        return;
    }
    ::kill(m_pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int status = 0;
    while (::waitpid(m_pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    m_pid = 0;
}

std::string OrthancServer::baseUrl() const
{
    return "http://127.0.0.1:" + std::to_string(m_httpPort);
}

std::string OrthancServer::dicomWebUrl() const
{
    return baseUrl() + "/dicom-web";
}

HttpResponse OrthancServer::get(const std::string& path) const
{
    return request("GET", path, {}, {});
}

HttpResponse OrthancServer::post(const std::string& path, const std::string& body, const std::string& contentType) const
{
    return request("POST", path, body, contentType);
}

HttpResponse OrthancServer::remove(const std::string& path) const
{
    return request("DELETE", path, {}, {});
}

HttpResponse OrthancServer::request(
    const std::string& method, const std::string& path, const std::string& body, const std::string& contentType) const
{
    HttpResponse response;
    const int socketFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (socketFd < 0) {
        return response;
    }
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(m_httpPort));
    if (::connect(socketFd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        ::close(socketFd);
        return response;
    }
    std::ostringstream head;
    head << method << " " << path << " HTTP/1.0\r\nHost: 127.0.0.1:" << m_httpPort << "\r\nConnection: close\r\n";
    if (!m_options.user.empty()) {
        head << "Authorization: Basic " << base64(m_options.user + ":" + m_options.password) << "\r\n";
    }
    if (method == "POST" || method == "PUT") {
        head << "Content-Type: " << contentType << "\r\nContent-Length: " << body.size() << "\r\n";
    }
    head << "\r\n";
    const std::string message = head.str() + body;
    std::size_t sent = 0;
    while (sent < message.size()) {
        const ssize_t n = ::send(socketFd, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            ::close(socketFd);
            return response;
        }
        sent += static_cast<std::size_t>(n);
    }
    std::string received;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(socketFd, buffer, sizeof(buffer), 0);
        if (n <= 0) {
            break;
        }
        received.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(socketFd);
    const std::size_t headerEnd = received.find("\r\n\r\n");
    if (headerEnd == std::string::npos || received.compare(0, 5, "HTTP/") != 0) {
        return response;
    }
    std::istringstream lines(received.substr(0, headerEnd));
    std::string line;
    std::getline(lines, line);
    const std::size_t space = line.find(' ');
    response.status = space == std::string::npos ? 0 : std::atoi(line.c_str() + space + 1);
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        const std::size_t colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (char& c : name) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            response.headers[name] = value;
        }
    }
    response.body = received.substr(headerEnd + 4);
    return response;
}

std::string OrthancServer::uploadFile(const std::string& path) const
{
    const HttpResponse response = post("/instances", readWholeFile(path), "application/dicom");
    if (response.status != 200) {
        throw std::runtime_error(
            path + ": Orthanc refused the upload (HTTP " + std::to_string(response.status) + "): " + response.body);
    }
    return jsonField(response.body, "ID");
}

std::string OrthancServer::lookup(const std::string& dicomUid) const
{
    const HttpResponse response = post("/tools/lookup", dicomUid, "text/plain");
    return response.status == 200 ? jsonField(response.body, "ID") : std::string {};
}

void OrthancServer::deleteStudy(const std::string& studyInstanceUid) const
{
    const std::string id = lookup(studyInstanceUid);
    if (id.empty() || remove("/studies/" + id).status != 200) {
        throw std::runtime_error("Orthanc: cannot delete study " + studyInstanceUid);
    }
}

std::string OrthancServer::instanceFile(const std::string& sopInstanceUid) const
{
    const std::string id = lookup(sopInstanceUid);
    const HttpResponse response = id.empty() ? HttpResponse {} : get("/instances/" + id + "/file");
    if (response.status != 200) {
        throw std::runtime_error("Orthanc has no instance " + sopInstanceUid);
    }
    return response.body;
}

int OrthancServer::instanceCount() const
{
    const HttpResponse response = get("/statistics");
    const std::string key = "\"CountInstances\"";
    const std::size_t at = response.body.find(key);
    if (at == std::string::npos) {
        return -1;
    }
    return std::atoi(response.body.c_str() + response.body.find(':', at) + 1);
}

std::string OrthancServer::logTail() const
{
    std::string log;
    try {
        log = readWholeFile(m_folder + "/orthanc.log");
    } catch (const std::exception&) {
        return "(no log)";
    }
    return log.size() > 3000 ? log.substr(log.size() - 3000) : log;
}

} // namespace radmark::testing
