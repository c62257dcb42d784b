#include "radmark/storage/dataset/DicomExportFormats.h"

#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <cctype>

namespace radmark::storage {

namespace {

std::string upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
        [](unsigned char character) { return static_cast<char>(std::toupper(character)); });
    return text;
}

bool isSecondaryCapture(const std::string& sopClassUid)
{
    return sopClassUid == UID_SecondaryCaptureImageStorage
        || sopClassUid == UID_MultiframeSingleBitSecondaryCaptureImageStorage
        || sopClassUid == UID_MultiframeGrayscaleByteSecondaryCaptureImageStorage
        || sopClassUid == UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage
        || sopClassUid == UID_MultiframeTrueColorSecondaryCaptureImageStorage;
}

bool isScreenCapture(const InstanceRecord& instance)
{
    if (upper(instance.modality) == "SC") {
        return true;
    }
    // ImageType values 3+ used by scanners and workstations for screen captures and dose reports.
    const std::string imageType = upper(instance.imageType);
    for (const char* hint :
        { "SCREEN SAVE", "SCREEN_SAVE", "SCREEN SHOT", "SCREENSHOT", "SCREEN CAPTURE", "DOSE_INFO", "DOSE INFO" }) {
        if (imageType.find(hint) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string defaultExclusionReason(const InstanceRecord& instance)
{
    if (upper(instance.burnedInAnnotation) == "YES") {
        return "BurnedInAnnotation is YES (identifying text may be burned into the pixels)";
    }
    if (isSecondaryCapture(instance.sopClassUid)) {
        return "secondary capture image (SOP class " + instance.sopClassUid + ")";
    }
    if (isScreenCapture(instance)) {
        return upper(instance.modality) == "SC" ? std::string("screen capture (Modality SC)")
                                                : "screen capture (ImageType " + instance.imageType + ")";
    }
    return {};
}

} // namespace radmark::storage
