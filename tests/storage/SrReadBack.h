#pragma once

// Reads a TID 1500 SR back with DCMTK's DSRDocument, independently of RadMark's own SR reader, for the tests.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace radmark::testing {

struct ReadCode {
    std::string value;
    std::string scheme;
    std::string meaning;
};

struct ReadScoord {
    std::string concept; // code value of the SCOORD's own concept (empty when none)
    std::string graphicType;
    std::vector<std::pair<float, float>> points;
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::vector<int> frames;
};

struct ReadNumber {
    ReadCode concept;
    std::string text; // the DS value
    double floatingPoint; // Floating Point Value
    ReadCode unit;
    std::vector<ReadScoord> inferredFrom;
};

struct ReadGroup {
    std::string templateId;
    std::string trackingIdentifier;
    std::string trackingUid;
    ReadCode finding;
    ReadCode findingSite;
    std::vector<ReadNumber> numbers;
    std::vector<ReadScoord> regions;
};

struct ReadReport {
    bool read = false;
    std::string documentType;
    ReadCode rootConcept;
    std::string rootTemplate;
    std::string patientName, patientId, patientSex, studyUid, studyDate;
    std::vector<ReadGroup> groups;
    std::map<std::string, ReadCode> qualitativeEvaluations; // label name -> value
    std::vector<std::string> evidenceInstanceUids;
};

ReadReport readReportWithDcmtk(const std::string& path);

} // namespace radmark::testing
