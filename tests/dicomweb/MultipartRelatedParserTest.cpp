// The multipart/related parser on constructed bodies: every split point of the input, quoted
// boundaries, preamble, epilogue, padding, empty parts and truncated or malformed bodies.
#include "dicomweb/MultipartRelatedParser.h"
#include "dicomweb/MediaType.h"

#include <catch2/catch.hpp>

#include <QByteArray>
#include <QList>

using namespace radmark::app::dicomweb;

namespace {

struct RecordedPart {
    PartHeaders headers;
    QByteArray body;
    bool ended = false;
};

class RecordingSink : public MultipartPartSink {
public:
    QList<RecordedPart> parts;
    qsizetype largestPiece = 0;
    void beginPart(const PartHeaders& headers) override { parts.append({ headers, {}, false }); }
    void partData(const char* data, qsizetype size) override
    {
        parts.last().body.append(data, size);
        largestPiece = std::max(largestPiece, size);
    }
    void endPart() override { parts.last().ended = true; }
};

// Bytes that look like DICOM, with CR, LF, dashes and the boundary's prefix inside.
QByteArray partBody(int seed, int size)
{
    QByteArray body(size, '\0');
    for (int i = 0; i < size; ++i) {
        body[i] = static_cast<char>((i * 31 + seed * 7) % 251);
    }
    if (size > 40) {
        body.replace(10, 12, "\r\n--bound\r\n"); // a prefix of the delimiter, not the delimiter
        body[30] = '\r';
        body[31] = '\n';
        body[32] = '-';
        body[33] = '-';
    }
    return body;
}

QByteArray multipartBody(const QByteArray& boundary, const QList<QByteArray>& bodies, const QByteArray& preamble = {},
    const QByteArray& epilogue = {})
{
    QByteArray out = preamble;
    for (const QByteArray& body : bodies) {
        out += (out.isEmpty() ? "" : "\r\n") + QByteArray("--") + boundary + "\r\n";
        out += "Content-Type: application/dicom\r\nContent-Location: /x\r\n\r\n";
        out += body;
    }
    out += "\r\n--" + boundary + "--" + epilogue;
    return out;
}

} // namespace

TEST_CASE("a multipart body split at every possible point gives the same parts", "[dicomweb][multipart]")
{
    const QByteArray boundary = "boundary_42";
    const QList<QByteArray> bodies { partBody(1, 300), partBody(2, 1), partBody(3, 0), partBody(4, 97) };
    const QByteArray whole = multipartBody(boundary, bodies, "This is the preamble.\r\n", "\r\nepilogue text\r\n");
    for (qsizetype split = 0; split <= whole.size(); ++split) {
        RecordingSink sink;
        MultipartRelatedParser parser(boundary, sink);
        REQUIRE(parser.feed(whole.left(split)));
        REQUIRE(parser.feed(whole.mid(split)));
        REQUIRE(parser.finish());
        REQUIRE(sink.parts.size() == 4);
        for (int i = 0; i < 4; ++i) {
            CHECK(sink.parts[i].ended);
            CHECK(sink.parts[i].body == bodies[i]);
            CHECK(sink.parts[i].headers.value("content-type") == "application/dicom");
            CHECK(sink.parts[i].headers.value("content-location") == "/x");
        }
    }
}

TEST_CASE("a multipart body fed one byte at a time", "[dicomweb][multipart]")
{
    const QByteArray boundary = "z";
    const QList<QByteArray> bodies { partBody(5, 1000), partBody(6, 70) };
    const QByteArray whole = multipartBody(boundary, bodies);
    RecordingSink sink;
    MultipartRelatedParser parser(boundary, sink);
    for (char c : whole) {
        REQUIRE(parser.feed(&c, 1));
    }
    REQUIRE(parser.finish());
    REQUIRE(sink.parts.size() == 2);
    CHECK(sink.parts[0].body == bodies[0]);
    CHECK(sink.parts[1].body == bodies[1]);
    CHECK(parser.partsCompleted() == 2);
}

TEST_CASE("part data streams through without the whole part held in memory", "[dicomweb][multipart]")
{
    const QByteArray boundary = "0123456789abcdef";
    const QByteArray big = partBody(7, 4 * 1024 * 1024);
    const QByteArray whole = multipartBody(boundary, { big });
    RecordingSink sink;
    MultipartRelatedParser parser(boundary, sink);
    for (qsizetype at = 0; at < whole.size(); at += 16384) {
        REQUIRE(parser.feed(whole.mid(at, 16384)));
    }
    REQUIRE(parser.finish());
    REQUIRE(sink.parts.size() == 1);
    CHECK(sink.parts[0].body == big);
    // Each piece handed on is at most one read plus the few bytes held back for a split delimiter.
    CHECK(sink.largestPiece <= 16384 + boundary.size() + 4);
}

TEST_CASE("the boundary parameter is read quoted or not, with the type parameter", "[dicomweb][multipart]")
{
    const MediaType quoted
        = parseMediaType("Multipart/Related; type=\"application/dicom\"; boundary=\"a:b=c/d \\\"q\\\"\"");
    CHECK(quoted.essence == "multipart/related");
    CHECK(quoted.parameter("type") == "application/dicom");
    CHECK(quoted.parameter("boundary") == "a:b=c/d \"q\"");
    const MediaType plain = parseMediaType("multipart/related;boundary=abc123 ; TYPE=application/dicom");
    CHECK(plain.parameter("boundary") == "abc123");
    CHECK(plain.parameter("type") == "application/dicom");
    CHECK(parseMediaType("").essence.isEmpty());
    CHECK(parseMediaType("garbage").essence.isEmpty());
    CHECK(parseMediaType("text/html; charset=utf-8").essence == "text/html");

    // A quoted boundary with characters that need the quotes delimits the body as written.
    const QByteArray boundary = quoted.parameter("boundary");
    const QByteArray whole = multipartBody(boundary, { partBody(8, 50) });
    RecordingSink sink;
    MultipartRelatedParser parser(boundary, sink);
    REQUIRE(parser.feed(whole));
    REQUIRE(parser.finish());
    REQUIRE(sink.parts.size() == 1);
    CHECK(sink.parts[0].body == partBody(8, 50));
}

TEST_CASE("transport padding after a delimiter and a part without headers are accepted", "[dicomweb][multipart]")
{
    const QByteArray whole = "--xyz  \t\r\n\r\nfirst\r\n--xyz\r\nContent-Type: application/dicom;\r\n "
                             "transfer-syntax=1.2.840.10008.1.2.1\r\n\r\nsecond\r\n--xyz-- \r\n";
    RecordingSink sink;
    MultipartRelatedParser parser("xyz", sink);
    REQUIRE(parser.feed(whole));
    REQUIRE(parser.finish());
    REQUIRE(sink.parts.size() == 2);
    CHECK(sink.parts[0].body == "first");
    CHECK(sink.parts[0].headers.fields.isEmpty());
    CHECK(sink.parts[1].body == "second");
    CHECK(sink.parts[1].headers.value("content-type") == "application/dicom; transfer-syntax=1.2.840.10008.1.2.1");
}

TEST_CASE("a truncated multipart body is reported and its last part is left unfinished", "[dicomweb][multipart]")
{
    const QByteArray whole = multipartBody("cut", { partBody(9, 200), partBody(10, 200) });
    SECTION("inside the second part")
    {
        RecordingSink sink;
        MultipartRelatedParser parser("cut", sink);
        REQUIRE(parser.feed(whole.left(whole.size() - 60)));
        CHECK(parser.insidePart());
        CHECK_FALSE(parser.finish());
        CHECK(parser.error().toStdString() == "the response ended inside part 2 (truncated: no closing boundary)");
        REQUIRE(sink.parts.size() == 2);
        CHECK(sink.parts[0].ended);
        CHECK_FALSE(sink.parts[1].ended);
    }
    SECTION("after the last part's delimiter, before the closing dashes")
    {
        RecordingSink sink;
        MultipartRelatedParser parser("cut", sink);
        REQUIRE(parser.feed(whole.left(whole.size() - 2)));
        CHECK_FALSE(parser.finish());
        CHECK(
            parser.error().toStdString() == "the response ended after part 2 without the closing boundary (truncated)");
        CHECK(sink.parts.size() == 2);
    }
    SECTION("an empty body")
    {
        RecordingSink sink;
        MultipartRelatedParser parser("cut", sink);
        CHECK_FALSE(parser.finish());
        CHECK(parser.error().toStdString() == "the response holds no part (no boundary \"cut\" in the body)");
    }
}

TEST_CASE("a body delimited by another boundary than the header's holds no part", "[dicomweb][multipart]")
{
    const QByteArray whole = multipartBody("actual", { partBody(11, 30) });
    RecordingSink sink;
    MultipartRelatedParser parser("announced", sink);
    REQUIRE(parser.feed(whole));
    CHECK_FALSE(parser.finish());
    CHECK(sink.parts.isEmpty());
}

TEST_CASE("a delimiter followed by garbage instead of CRLF is an error", "[dicomweb][multipart]")
{
    RecordingSink sink;
    MultipartRelatedParser parser("b", sink);
    CHECK_FALSE(parser.feed(QByteArray("--b garbage\r\n\r\nx\r\n--b--")));
    CHECK(parser.failed());
    CHECK(parser.error().startsWith("part 1: the boundary line is not followed by CRLF"));
    CHECK_FALSE(parser.feed(QByteArray("more")));
}
