#include "radmark/storage/pacs/PacsConnection.h"
#include "TestPaths.h"
#include "radmark/storage/MarkStore.h"
#include "radmark/storage/ProjectError.h"
#include "radmark/storage/ProjectStore.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace radmark::storage;
using radmark::testing::makeTemporaryFolder;

TEST_CASE("PACS connections are kept in the project settings and read back field by field", "[pacs]")
{
    const std::string path = makeTemporaryFolder("radmark-pacs-conn") + "/p.radmark";
    {
        auto project = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
        MarkStore marks(*project);
        PacsConnection dimse;
        dimse.name = "hospital";
        parseDimseAddress("ORTHANC@127.0.0.1:4242", dimse);
        dimse.localAeTitle = "RADMARK";
        dimse.localPort = 11112;
        addPacsConnection(marks, dimse);
        PacsConnection web;
        web.name = "web";
        web.kind = PacsConnection::Kind::DicomWeb;
        web.baseUrl = "http://127.0.0.1:8042/dicom-web";
        web.auth = PacsConnection::Auth::Basic;
        web.user = "alice";
        web.passwordFile = "/secrets/pacs.txt";
        addPacsConnection(marks, web);
        CHECK_THROWS_WITH(addPacsConnection(marks, dimse),
            "the project already has a PACS connection named hospital (remove it first)");
    }
    auto project = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    MarkStore marks(*project);
    const std::vector<PacsConnection> all = loadPacsConnections(marks);
    REQUIRE(all.size() == 2);
    CHECK(all[0].name == "hospital");
    CHECK(all[0].kind == PacsConnection::Kind::Dimse);
    CHECK(all[0].calledAeTitle == "ORTHANC");
    CHECK(all[0].host == "127.0.0.1");
    CHECK(all[0].port == 4242);
    CHECK(all[0].localAeTitle == "RADMARK");
    CHECK(all[0].localPort == 11112);
    CHECK(all[1].kind == PacsConnection::Kind::DicomWeb);
    CHECK(all[1].baseUrl == "http://127.0.0.1:8042/dicom-web");
    CHECK(all[1].auth == PacsConnection::Auth::Basic);
    CHECK(all[1].user == "alice");
    CHECK(all[1].passwordFile == "/secrets/pacs.txt");
    // The password itself is nowhere in the project.
    CHECK(marks.setting("pacs_connections")->find("password_file") != std::string::npos);

    CHECK(removePacsConnection(marks, "hospital"));
    CHECK_FALSE(removePacsConnection(marks, "hospital"));
    REQUIRE(loadPacsConnections(marks).size() == 1);
    CHECK_FALSE(findPacsConnection(marks, "hospital").has_value());
    CHECK(findPacsConnection(marks, "web")->user == "alice");
}

TEST_CASE("Bad PACS addresses and connections are refused with the reason", "[pacs]")
{
    PacsConnection connection;
    connection.name = "x";
    CHECK_THROWS_WITH(parseDimseAddress("ORTHANC127.0.0.1:4242", connection),
        "'ORTHANC127.0.0.1:4242' is not AET@HOST:PORT (e.g. ORTHANC@pacs.example.org:4242)");
    CHECK_THROWS_WITH(
        parseDimseAddress("ORTHANC@host:70000", connection), "'ORTHANC@host:70000': the port 70000 is outside 1-65535");
    CHECK_THROWS_WITH(parseDimseAddress("@host:104", connection), "'@host:104': the AE title before '@' is empty");
    parseDimseAddress("AN_AE_TITLE_TOO_LONG@host:104", connection);
    CHECK_THROWS_WITH(validatePacsConnection(connection),
        "PACS connection x: the archive's AE title 'AN_AE_TITLE_TOO_LONG' is longer than 16 characters");
    connection.name = "bad name";
    CHECK_THROWS_WITH(validatePacsConnection(connection),
        "PACS connection name 'bad name': use at most 64 letters, digits, '-', '_' or '.'");
    PacsConnection web;
    web.name = "w";
    web.kind = PacsConnection::Kind::DicomWeb;
    web.baseUrl = "ftp://x";
    CHECK_THROWS_WITH(validatePacsConnection(web),
        "PACS connection w: the DICOMweb URL 'ftp://x' does not start with http:// or https://");
    web.baseUrl = "https://x/dicom-web";
    web.auth = PacsConnection::Auth::Basic;
    web.user = "u";
    CHECK_THROWS_WITH(
        validatePacsConnection(web), "PACS connection w: basic authentication needs --user and --password-file");
}

TEST_CASE("A secret file gives its first line, a missing or empty one is named", "[pacs]")
{
    const std::string folder = makeTemporaryFolder("radmark-pacs-secret");
    std::ofstream(folder + "/pw.txt") << "s3cret\r\nsecond line\n";
    CHECK(readSecretFile(folder + "/pw.txt") == "s3cret");
    std::ofstream(folder + "/empty.txt") << "\n";
    CHECK_THROWS_WITH(
        readSecretFile(folder + "/empty.txt"), folder + "/empty.txt: the secret file's first line is empty");
    CHECK_THROWS_WITH(readSecretFile(folder + "/none.txt"), folder + "/none.txt: cannot read the secret file");
}
