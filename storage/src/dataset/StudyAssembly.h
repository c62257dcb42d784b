#pragma once

#include "dataset/DatasetCard.h"
#include "radmark/storage/dataset/DatasetExport.h"

#include <vector>

namespace radmark::storage {

class ProjectStore;

// The studies an export writes, with their series, kept instances, marks and final labels. Images
// that are excluded (see defaultExclusionReason) or missing on disk are removed and recorded in the log
// (with their paths, for the user) and in `exclusions` (pseudonymous, for the card).
std::vector<ExportStudy> assembleExportStudies(const ProjectStore& project, const ExportRequest& request,
    ExportIdentity& identity, ExportLog& log, std::vector<CardExclusion>& exclusions);

// One mark per lesion: a 2D box derived from a RECIST of the same list (LesionMark::derivedFromRecistId) is
// dropped from the list and its box recorded in `derivedBoxes` under the RECIST's id, so every format writes
// the RECIST once with that box. A derived box whose RECIST is gone stays a lesion of its own.
std::vector<annotation::LesionMark> oneMarkPerLesion(
    const std::vector<annotation::LesionMark>& marks, std::map<std::string, annotation::PixelBox>& derivedBoxes);

// Proposal-versus-decision agreement of the studies' labels, by label.
std::map<std::string, LabelAgreement> labelAgreement(
    const ProjectStore& project, const std::vector<ExportStudy>& studies);

} // namespace radmark::storage
