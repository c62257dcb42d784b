#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

// Team labelling (schema 7, tables team_*): a team project is split into one project file per annotator, each
// holding only that annotator's studies; the annotators' marks, label decisions and saliency verdicts are merged
// back, each row keeping its author, role and time. Every failure throws ProjectError naming the file and why.

// What a project file is in a team; empty optional: not part of a team.
struct TeamIdentity {
    std::string teamUuid;
    std::string fileUuid;
    std::string fileRole; // "team" or "annotator"
    std::string annotatorName; // of an annotator file
    std::int64_t createdMs = 0;
    bool isAnnotatorFile() const { return fileRole == "annotator"; }
};
std::optional<TeamIdentity> teamIdentity(const ProjectStore& project);

struct TeamSplitOptions {
    std::vector<std::string> annotators; // names, also the file names (DIR/NAME.radmark)
    double doubleReadFraction = 0.0; // share of the units (studies or patients) read by two annotators
    bool byPatient = false; // keep each patient's studies with one reader (set)
    std::uint64_t seed = 1;
    std::string outDir;
    std::string annotatorRole = "radiologist"; // the author role preset of the files: trainee or radiologist
};

struct TeamSplitFile {
    std::string annotator;
    std::string path;
    std::size_t studies = 0;
    std::size_t doubleReadStudies = 0;
    std::size_t instances = 0;
};

struct TeamSplitResult {
    std::int64_t splitId = 0;
    std::size_t studies = 0; // distinct studies assigned by this split
    std::size_t doubleReadStudies = 0; // of them, read by two annotators
    std::string imageRoot; // the folder all image paths share (what `team relink` replaces)
    std::vector<TeamSplitFile> files;
};

// Assigns the studies of `project` that no annotator has yet (balanced, reproducible for a seed) and writes
// one annotator file per annotator in options.outDir (created if missing). An existing annotator file is never
// replaced; on failure nothing is recorded and no file is left behind. The project becomes a team project.
TeamSplitResult splitTeamProject(ProjectStore& project, const TeamSplitOptions& options);

struct TeamMergeResult {
    std::string path;
    std::string annotator;
    std::int64_t mergeId = 0;
    std::int64_t marksAdded = 0;
    std::int64_t marksUpdated = 0; // edited in the annotator file since the previous merge
    std::int64_t marksRemoved = 0; // deleted in the annotator file since the previous merge
    std::int64_t marksKept = 0; // edited in the team project since they were merged: left as they are
    std::int64_t markHistoryAdded = 0;
    std::int64_t decisionsAdded = 0;
    std::int64_t decisionsUndone = 0; // undone in the annotator file since the previous merge
    std::int64_t saliencyReviewsAdded = 0;
    // Rows of the file (decisions, marks, verdicts) authored under another name than its annotator: kept as
    // authored, but agreement statistics take the author's name for the reader.
    std::int64_t otherAuthorRows = 0;
    bool addedNothing() const
    {
        return marksAdded + marksUpdated + marksRemoved + markHistoryAdded + decisionsAdded + decisionsUndone
            + saliencyReviewsAdded
            == 0;
    }
};

// Merges one annotator file into the team project in one transaction. Refused (ProjectError naming the file,
// the team project untouched) for a file of another team, of a newer schema, not an annotator file, or holding
// work on a study not assigned to its annotator. Merging the same file again adds nothing.
TeamMergeResult mergeAnnotatorFile(ProjectStore& team, const std::string& annotatorFilePath);

struct TeamAnnotator {
    std::int64_t id = 0;
    std::string name;
};
std::vector<TeamAnnotator> teamAnnotators(const ProjectStore& project);

// One study of an annotator's work list, in the order given.
struct WorkItem {
    std::int64_t studyId = 0;
    std::string studyUid;
    std::string accessionNumber;
    std::string studyDescription;
    bool doubleRead = false;
    std::size_t labelsDecided = 0; // labels of the current schema with a decision in force by the annotator
    std::size_t labelsTotal = 0; // labels of the current schema
    std::size_t marks = 0; // marks by the annotator on the study's series
    bool done = false; // every label decided (without a schema: any decision or mark)
};

// The work list of `annotator` (empty name: the annotator of an annotator file). In an annotator file every
// decision and mark counts; in the team project those authored under the annotator's name.
std::vector<WorkItem> workList(const ProjectStore& project, const std::string& annotator = {});

struct RelinkResult {
    std::string oldRoot;
    std::string newRoot;
    std::size_t instances = 0; // paths rewritten
    std::size_t found = 0; // of them, files present under the new root
    std::size_t saliencyMaps = 0; // map paths rewritten
    std::vector<std::string> missingExamples; // a few of the absent files
};

// The folder every image path of the project starts with: the `image_root` project setting (set by split and
// relink), else the deepest common folder of the instance paths.
std::string imageRoot(const ProjectStore& project);

// Rewrites image (and saliency map) paths under imageRoot() to lie under `newRoot`, e.g. where an annotator
// copied the images on their machine. Refused, nothing changed, when not one file is found under the new root.
RelinkResult relinkImages(ProjectStore& project, const std::string& newRoot);

} // namespace radmark::storage
