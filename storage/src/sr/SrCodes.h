#pragma once

// Coded concepts of the TID 1500 Imaging Measurement Report as RadMark writes and reads it
// (DCM = DICOM PS3.16, SCT = SNOMED CT, UCUM units). Kept as plain strings so the writer and the
// reader (import back) cannot drift apart.

namespace radmark::storage::srcodes {

struct Code {
    const char* value;
    const char* scheme;
    const char* meaning;
};

constexpr Code imagingMeasurementReport { "126000", "DCM", "Imaging Measurement Report" };
constexpr Code languageOfContent { "121049", "DCM", "Language of Content Item and Descendants" };
constexpr Code englishUs { "en-US", "RFC5646", "English (United States)" };
constexpr Code observerType { "121005", "DCM", "Observer Type" };
constexpr Code device { "121007", "DCM", "Device" };
constexpr Code deviceObserverUid { "121012", "DCM", "Device Observer UID" };
constexpr Code deviceObserverName { "121013", "DCM", "Device Observer Name" };
constexpr Code procedureReported { "121058", "DCM", "Procedure reported" };
constexpr Code ctUnspecified { "25045-6", "LN", "CT unspecified body region" };
constexpr Code mrUnspecified { "25056-3", "LN", "MRI unspecified body region" };
constexpr Code imagingProcedure { "363679005", "SCT", "Imaging procedure" };
constexpr Code imageLibrary { "111028", "DCM", "Image Library" };
constexpr Code imageLibraryGroup { "126200", "DCM", "Image Library Group" };
constexpr Code imagingMeasurements { "126010", "DCM", "Imaging Measurements" };
constexpr Code measurementGroup { "125007", "DCM", "Measurement Group" };
constexpr Code trackingIdentifier { "112039", "DCM", "Tracking Identifier" };
constexpr Code trackingUniqueIdentifier { "112040", "DCM", "Tracking Unique Identifier" };
constexpr Code finding { "121071", "DCM", "Finding" };
constexpr Code findingSite { "363698007", "SCT", "Finding Site" };
constexpr Code lesion { "52988006", "SCT", "Lesion" };
constexpr Code imageRegion { "111030", "DCM", "Image Region" };
constexpr Code longAxis { "103339001", "SCT", "Long Axis" };
constexpr Code shortAxis { "103340004", "SCT", "Short Axis" };
// Codes of older writers for the same axes (SNOMED RT), accepted when reading.
constexpr Code longAxisSrt { "G-A185", "SRT", "Long Axis" };
constexpr Code shortAxisSrt { "G-A186", "SRT", "Short Axis" };
constexpr Code length { "410668003", "SCT", "Length" };
constexpr Code area { "42798000", "SCT", "Area" };
constexpr Code millimetre { "mm", "UCUM", "millimeter" };
constexpr Code squareMillimetre { "mm2", "UCUM", "square millimeter" };
// For series without pixel spacing (the marks' spacing is then 1 mm per pixel by convention).
constexpr Code pixel { "{pixel}", "UCUM", "pixel" };
constexpr Code squarePixel { "{pixel}2", "UCUM", "square pixel" };
constexpr Code qualitativeEvaluations { "C0034375", "UMLS", "Qualitative Evaluations" };
constexpr Code positive { "10828004", "SCT", "Positive" };
constexpr Code negative { "260385009", "SCT", "Negative" };
constexpr Code equivocal { "42425007", "SCT", "Equivocal" };
constexpr Code comment { "121106", "DCM", "Comment" };

// RadMark's private coding scheme for project-specific concepts (lesion types without a SNOMED
// code, study label names).
constexpr const char* privateScheme = "99RADMARK";
constexpr const char* privateSchemeName = "RadMark project codes";

} // namespace radmark::storage::srcodes
