#pragma once

#include <string>

namespace radmark::viewer {

// Facts shown in the corners of a slice view. Identifying ones (patient age and sex, institution)
// are hidden while `showIdentifyingText` is off, for screenshots.
struct SliceOverlayText {
    std::string patientAge;
    std::string patientSex;
    std::string modality;
    std::string seriesDescription;
    std::string institutionName;
    bool showIdentifyingText = true;
};

} // namespace radmark::viewer
