#include "dicom/FunctionalGroups.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>

namespace radmark::storage {

namespace {

DcmItem* firstItemOf(DcmItem* parent, const DcmTagKey& sequenceTag)
{
    DcmItem* item = nullptr;
    if (parent == nullptr || parent->findAndGetSequenceItem(sequenceTag, item, 0).bad()) {
        return nullptr;
    }
    return item;
}

} // namespace

FunctionalGroups::FunctionalGroups(DcmItem& dataset)
    : m_shared(firstItemOf(&dataset, DCM_SharedFunctionalGroupsSequence))
{
    if (dataset.findAndGetSequence(DCM_PerFrameFunctionalGroupsSequence, m_perFrame).bad()) {
        m_perFrame = nullptr;
    }
}

FunctionalGroups::FunctionalGroups(DcmItem* sharedItem, DcmSequenceOfItems* perFrameSequence)
    : m_shared(sharedItem)
    , m_perFrame(perFrameSequence)
{
}

DcmItem* FunctionalGroups::macro(unsigned long frame, const DcmTagKey& macroTag) const
{
    DcmItem* frameGroup = m_perFrame != nullptr && frame < m_perFrame->card() ? m_perFrame->getItem(frame) : nullptr;
    if (DcmItem* item = firstItemOf(frameGroup, macroTag)) {
        return item;
    }
    return firstItemOf(m_shared, macroTag);
}

} // namespace radmark::storage
