#include "export/ImageExclusion.h"

#include <algorithm>
#include <cctype>

namespace radmark::storage {

namespace {

std::string upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
    return text;
}

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

std::string exportExclusionReason(const InstanceRecord& instance)
{
    const std::string burnedIn = upper(instance.burnedInAnnotation);
    if (burnedIn.find("YES") != std::string::npos) {
        return "BurnedInAnnotation is YES";
    }
    // 1.2.840.10008.5.1.4.1.1.7 Secondary Capture; .7.1 to .7.4 the multi-frame Secondary Captures.
    const std::string& sopClass = instance.sopClassUid;
    if (sopClass == "1.2.840.10008.5.1.4.1.1.7" || startsWith(sopClass, "1.2.840.10008.5.1.4.1.1.7.")) {
        return "secondary capture (SOP class " + sopClass + ")";
    }
    if (upper(instance.modality) == "SC") {
        return "screen capture (Modality SC)";
    }
    const std::string imageType = upper(instance.imageType);
    if (imageType.find("SCREEN SHOT") != std::string::npos || imageType.find("SCREENSHOT") != std::string::npos) {
        return "screen capture (ImageType " + instance.imageType + ")";
    }
    return {};
}

}  // namespace radmark::storage
