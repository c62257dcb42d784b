#pragma once

#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

class MarkStore;

// One PACS a project talks to, kept in the project (project_settings key `pacs_connections`, a JSON array;
// no schema change). Secrets are never stored: only the path of a file holding the password or token.
struct PacsConnection {
    enum class Kind { Dimse, DicomWeb };

    std::string name; // unique in the project; letters, digits, '-', '_', '.'
    Kind kind = Kind::Dimse;

    // DIMSE: the archive's AE title, host and port; RadMark's own AE title and the port its storage SCP
    // listens on during a C-MOVE (0: C-MOVE unavailable, C-GET needs none).
    std::string calledAeTitle;
    std::string host;
    int port = 0;
    std::string localAeTitle = "RADMARK";
    int localPort = 0;

    // DICOMweb: the service root (e.g. http://host:8042/dicom-web) and optional HTTP authentication.
    enum class Auth { None, Basic, Bearer };
    std::string baseUrl;
    Auth auth = Auth::None;
    std::string user; // Basic
    std::string passwordFile; // Basic: a file whose first line is the password
    std::string tokenFile; // Bearer: a file whose first line is the token
};

const char* toString(PacsConnection::Kind kind); // "dimse" / "dicomweb"
const char* toString(PacsConnection::Auth auth); // "none" / "basic" / "bearer"

// Checks one connection; throws ProjectError naming the field and the reason (bad name, AE title longer than
// 16 characters or with a backslash, port outside 1-65535, URL not http(s)://, basic without user or password
// file, ...).
void validatePacsConnection(const PacsConnection& connection);

// Parses `AET@HOST:PORT` (the --dimse argument); throws ProjectError saying what is wrong.
void parseDimseAddress(const std::string& text, PacsConnection& connection);

// The project's connections in the order they were added; ProjectError when the stored JSON is damaged.
std::vector<PacsConnection> loadPacsConnections(const MarkStore& marks);
std::optional<PacsConnection> findPacsConnection(const MarkStore& marks, const std::string& name);
// Validates and adds; ProjectError when the name exists already. `replace` overwrites an existing one.
void addPacsConnection(MarkStore& marks, const PacsConnection& connection, bool replace = false);
// False when there was none of that name.
bool removePacsConnection(MarkStore& marks, const std::string& name);

// The first line of a password or token file (trailing CR/LF removed); ProjectError naming the file when it
// cannot be read or is empty.
std::string readSecretFile(const std::string& path);

} // namespace radmark::storage
