#pragma once

#include "sr/LesionTypeCodes.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace radmark::storage {

// One spatial coordinate item of a measurement group: the SCOORD a NUM was INFERRED FROM (with the NUM's
// concept), or a region the group CONTAINS (e.g. Image Region). Points are DICOM SCOORD (column, row).
struct SrGraphic {
    SrCode concept; // of the NUM, or of the SCOORD itself
    bool fromMeasurement = false;
    std::string graphicType; // POLYLINE, POINT, CIRCLE, ELLIPSE, MULTIPOINT, POLYGON
    std::vector<std::pair<double, double>> points;
    std::string sopInstanceUid; // the image it is SELECTED FROM
    int frameNumber = 0; // 1-based; 0 when none is given
};

// A Measurement Group (125007, DCM) of a TID 1500 report.
struct SrMeasurementGroup {
    std::string trackingIdentifier;
    std::string trackingUid;
    std::optional<SrCode> findingSite;
    std::vector<SrGraphic> graphics;
    std::vector<std::string> unreadable; // content that carries geometry RadMark cannot read, described
};

struct SrMeasurementDocument {
    std::string sopInstanceUid;
    std::string personObserverName;
    std::vector<std::string> evidenceSeriesUids; // Current Requested Procedure / Pertinent Other Evidence
    std::vector<SrMeasurementGroup> groups;
};

// Reads the measurement groups of an SR document (RadMark's or another TID 1500 writer's). Returns nothing,
// with `error` set, when the file is no readable SR; a document without groups has an empty `groups`.
std::optional<SrMeasurementDocument> readSrMeasurements(const std::string& filePath, std::string& error);

// True when the file is an SR document with at least one measurement group.
bool hasSrMeasurementGroups(const std::string& filePath);

} // namespace radmark::storage
