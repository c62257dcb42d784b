#include "dicom/DicomTextToUtf8.h"

#include "dicom/Iso2022Text.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <string>
#include <vector>

namespace radmark::storage {

namespace {

std::vector<std::string> characterSetsOf(DcmItem& dataset)
{
    std::vector<std::string> values;
    OFString all;
    if (dataset.findAndGetOFStringArray(DCM_SpecificCharacterSet, all).bad()) {
        return values;
    }
    std::string value;
    for (const char character : std::string(all.c_str()) + "\\") {
        if (character == '\\') {
            while (!value.empty() && value.back() == ' ') {
                value.pop_back();
            }
            while (!value.empty() && value.front() == ' ') {
                value.erase(0, 1);
            }
            values.push_back(value);
            value.clear();
        } else {
            value += character;
        }
    }
    return values;
}

// The value representations whose text the Specific Character Set governs.
bool isCharacterSetText(DcmEVR vr)
{
    return vr == EVR_PN || vr == EVR_LO || vr == EVR_SH || vr == EVR_ST || vr == EVR_LT || vr == EVR_UT || vr == EVR_UC;
}

void decodeJapanese(DcmItem& item, const std::vector<std::string>& characterSets)
{
    for (unsigned long index = 0; index < item.card(); ++index) {
        DcmElement* element = item.getElement(index);
        if (element->ident() == EVR_SQ) {
            auto* sequence = static_cast<DcmSequenceOfItems*>(element);
            for (unsigned long itemIndex = 0; itemIndex < sequence->card(); ++itemIndex) {
                decodeJapanese(*sequence->getItem(itemIndex), characterSets);
            }
            continue;
        }
        if (!isCharacterSetText(element->ident())) {
            continue;
        }
        char* raw = nullptr;
        Uint32 length = 0;
        if (element->getString(raw, length).bad() || raw == nullptr || length == 0) {
            continue;
        }
        const std::optional<std::string> decoded = decodeIso2022Japanese(std::string(raw, length), characterSets);
        if (decoded) {
            element->putString(decoded->c_str(), static_cast<Uint32>(decoded->size()));
        }
    }
}

} // namespace

void convertTextToUtf8(DcmItem& dataset)
{
    const std::vector<std::string> characterSets = characterSetsOf(dataset);
    if (characterSets.empty()
        || (characterSets.size() == 1
            && (characterSets[0] == "ISO_IR 192" || characterSets[0] == "ISO_IR 6" || characterSets[0].empty()))) {
        return;
    }
    if (needsIso2022JapaneseDecoding(characterSets)) {
        decodeJapanese(dataset, characterSets);
        dataset.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
        return;
    }
    (void)dataset.convertToUTF8();
}

} // namespace radmark::storage
