#include "cli/Subcommands.h"

#include "cli/CommandArguments.h"

#include <iostream>

namespace radmark::app {

const std::vector<Subcommand>& subcommands()
{
    static const std::vector<Subcommand> all {
        { "import", "radmark import PROJECT PATH... [--threads N] [--batch-files N] [--quiet] [--progress]",
            "Index DICOM files/folders and NIfTI/NRRD/MHA volumes into PROJECT (created if missing). Resumable: "
            "Ctrl-C stops after the batch being written (--batch-files per transaction, default 2000); the same "
            "command continues, not reading committed files again. Progress shows files/s and the time left "
            "(--progress: one line per second also when stderr is not a terminal). The project stays readable "
            "(read-only) by other RadMark processes during the import.",
            runImportCommand },
        { "info", "radmark info PROJECT [--json]",
            "Counts of patients, studies, series, instances and skipped files; schema version.", runInfoCommand },
        { "series", "radmark series PROJECT [--json] [--set-modality SERIES_UID=MODALITY]",
            "One entry per series; --set-modality corrects a series' modality (e.g. a NIfTI CT that came in as OT).",
            runSeriesCommand },
        { "skipped", "radmark skipped PROJECT [--json]", "Files that were not imported, with the reasons.",
            runSkippedCommand },
        { "render",
            "radmark render PROJECT --series UID [--slice K] [--window W --level L] [--size WxH] [--no-overlay] "
            "[--hide-identifying] [--view axial|coronal|sagittal|3d [--preset bone|soft-tissue|angio|mr] [--mip] "
            "[--planes]] [--overlay MODEL [--target CLASS] [--colormap jet|hot|viridis|single|diverging] "
            "[--opacity A] [--threshold VALUE|P%|F%max] [--allow-data-outside]] --out FILE.png",
            "Render one slice (K counted from 1 in sorted order; default the middle) as the viewer shows it; "
            "--view renders an MPR plane (K from the right/anterior/inferior end) or the 3D view; --overlay lays "
            "a model's saliency map over the acquired slice.",
            runRenderCommand },
        { "demo", "radmark demo PROJECT", "Write a synthetic CT study beside PROJECT and import it.", runDemoCommand },
        { "annotate",
            "radmark annotate PROJECT --series UID --slice K (--recist x11,y11,x12,y12,x21,y21,x22,y22 | "
            "--line x1,y1,x2,y2 | --box x1,y1,x2,y2 [--slices K1-K2]) [--type TYPE] [--author NAME] "
            "[--role trainee|radiologist|reviewer] [--note TEXT] [--json]",
            "Add a lesion mark on slice K (from 1, sorted order); pixel coordinates (column,row) with the first "
            "pixel's centre at 0,0 as DeepLesion. Prints its id, lengths in px and mm and its box.",
            runAnnotateCommand },
        { "annotations", "radmark annotations PROJECT [--series UID] [--json]",
            "List the lesion marks with their measurements, type, author and times.", runAnnotationsCommand },
        { "label-reports",
            "radmark label-reports --schema NAME|FILE --in REPORTS.csv --out LABELS.csv [--explain FILE.csv]",
            "Study-level labels from report text. REPORTS.csv has columns id and report; LABELS.csv has id and one "
            "column per schema label (1 positive, 0 negative, -1 uncertain, empty not mentioned). NAME is a preset "
            "(chest-radiograph, ct-abdomen, head-mri) looked up as NAME.json in <exe "
            "dir>/../../resources/label-schemas, "
            "<exe dir>/../share/radmark/label-schemas, then $RADMARK_SCHEMA_DIR; --explain writes why each label was "
            "set.",
            runLabelReportsCommand },
        { "label-eval",
            "radmark label-eval --schema NAME|FILE --in REPORTS.csv --gold GOLD.csv [--map LABEL=COLUMN,...] "
            "[--errors FILE.csv] [--min-macro-f1 X] [--min-f1 X]",
            "Score the labeller against human gold labels: per label support, precision, recall, F1 and Cohen's kappa, "
            "and the macro average. GOLD.csv has an id column (\"id\", else the first) and label columns with 1, 0, -1 "
            "or empty; only 1 counts as present, on both sides. Labels are matched to columns of the same name (and "
            "NegBio's Effusion/normal for Pleural Effusion/No Finding) unless --map says otherwise. --errors writes "
            "every disagreement with the labeller's explanation; --min-* exit 3 when a figure is below.",
            runLabelEvalCommand },
        { "labels",
            "radmark labels PROJECT [--format csv] [--unmatched-reports] [--schema-json] | radmark labels PROJECT "
            "--study UID|ACCESSION "
            "(--set LABEL=VALUE [--set ...] [--confirm] [--audit] | --history) [--author NAME] [--role "
            "trainee|radiologist|reviewer] "
            "| radmark labels PROJECT (--audit-draw N [--seed S] | --audit-studies | --accuracy [--format text|csv])",
            "Study labels as they stand, one CSV row per study: accession, study_uid, one column per label (1, 0, -1, "
            "empty), source (auto or human) and author; a human decision wins over the proposal of "
            "`radmark label-reports PROJECT [--schema NAME|FILE] [--only-unlabelled]`. --unmatched-reports lists "
            "imported reports that match no study (key, file, row). --set records a human decision (1/0/-1/empty, "
            "yes/no, or a choice), --confirm accepts the proposals of the study's undecided labels, --history prints "
            "its decisions, undone ones included; --schema-json prints the project's label schema. --audit-draw N "
            "draws a "
            "random audit sample (stratified by the proposed values, reproducible with --seed) from the studies with "
            "proposals and no human decision; --audit records --set/--confirm as audit-mode decisions of a drawn "
            "study; "
            "--audit-studies lists the drawn studies; --accuracy prints each label's precision, recall and kappa with "
            "95% "
            "intervals from the audit-mode decisions only.",
            runLabelsCommand },
        { "export",
            "radmark export PROJECT --format F[,F...] --out DIR [--overwrite] [--studies UID|ACCESSION,...] "
            "[--series UID,...] [--split patient|site] [--ratios 0.7,0.15,0.15] [--seed N] [--stratify LABEL] "
            "[--salt TEXT] [--shift-dates] [--no-age] [--no-sex] [--include-burned-in] [--mapping FILE] [--quiet] "
            "[--disputed flag|exclude]",
            "De-identified dataset with train/validation/test splits and a dataset card. Formats: deeplesion, coco, "
            "nifti, labels, dicom-sr, dicom. DIR must be empty (or --overwrite); --mapping writes original -> "
            "pseudonym outside DIR. "
            "Team projects: double-read studies carry the reviewer's answer, else the agreed one; --disputed says "
            "whether "
            "studies still in dispute are flagged (default) or excluded.",
            runExportCommand },
        { "saliency",
            "radmark saliency import PROJECT MANIFEST.csv [--no-checks] [--allow-data-outside] | radmark saliency "
            "report PROJECT [--format csv] | "
            "radmark saliency remove PROJECT MAP... [--dry-run]",
            "import: reference saliency maps listed in a CSV (series_uid,map_path,model,target,score,method; study_uid "
            "or "
            "accession may replace series_uid; optional slice for 2D maps) and compute their checks. report: one CSV "
            "row "
            "per map with its checks (mass inside marks, pointing game, outside the body, on text/corners) and the "
            "latest review. remove: drop maps (MAP = map_id of the report, or the map file path) with their reviews "
            "and checks, saying what goes; the map files are kept. A map header naming a voxel file outside the map's "
            "folder is refused unless --allow-data-outside.",
            runSaliencyCommand },
        { "backup", "radmark backup PROJECT DEST [--overwrite]",
            "A consistent one-file copy of PROJECT (SQLite's online backup, safe while another RadMark writes; checked "
            "with PRAGMA integrity_check). An existing DEST is refused unless --overwrite (and then only a RadMark "
            "project is replaced); a folder as DEST gets the project's file name.",
            runBackupCommand },
        { "team",
            "radmark team split PROJECT --annotators A,B,... [--double-read F] [--by study|patient] [--seed N] "
            "[--role trainee|radiologist] --out DIR | "
            "radmark team relink PROJECT --root PATH | radmark team merge PROJECT ANNOTATOR.radmark... | "
            "radmark team worklist PROJECT [--annotator NAME] [--format text|csv] | "
            "radmark team agreement PROJECT [--format md|csv] [--disputes] [--iou X] [--tolerance-mm MM] [--seed N] "
            "[--replicates N]",
            "Team labelling. split: the studies not yet assigned go to the annotators (balanced, reproducible with "
            "--seed; "
            "a fraction F read by two, blinded), one project file each in DIR (DIR/A.radmark) with their studies, the "
            "label "
            "schema, lesion types, proposals, and the annotator as author (--role, default radiologist). relink: image "
            "paths moved to another root folder. "
            "merge: brings an annotator file's marks, label decisions, mark history and saliency verdicts back with "
            "their "
            "authors and times (idempotent, never overwrites; a file of another team, a newer schema or work on a "
            "study "
            "not assigned is refused). worklist: each annotator's studies done and to do. "
            "agreement: inter-reader agreement of the double-read studies: per label Cohen's kappa (two readers) or "
            "Fleiss' kappa and Krippendorff's alpha with 95% bootstrap intervals over studies; lesions matched by box "
            "IoU (default 0.3) on the same or an adjacent slice, detection agreement, RECIST axis differences "
            "(Bland-Altman) and ICC(2,1); per annotator studies done, median minutes per study and agreement with the "
            "adjudicated answers. --disputes lists what still waits for a reviewer (RECIST axes differing by more "
            "than --tolerance-mm, default 5).",
            runTeamCommand },
        { "pacs",
            "radmark pacs add PROJECT NAME (--dimse AET@HOST:PORT [--local-aet AET] [--local-port P] | --dicomweb URL "
            "[--user U --password-file F | --token-file F]) [--replace] | radmark pacs list PROJECT [--json] | "
            "radmark pacs remove PROJECT NAME | radmark pacs echo PROJECT NAME | radmark pacs query PROJECT NAME "
            "[--accession A] [--patient-id P] [--patient-name N] [--date 20240101-20241231] [--modality CT] "
            "[--description D] [--study UID] [--limit N] [--offset N] [--json] | radmark pacs retrieve PROJECT NAME "
            "(--study UID [--series UID] | --accessions FILE.csv) [--via wado|cget|cmove] [--quiet] | "
            "radmark pacs send-sr PROJECT NAME --series UID",
            "PACS connections of the project (DIMSE or DICOMweb; passwords and tokens stay in their files). echo tests "
            "one "
            "and says what failed; query lists studies with series/instance counts, --limit (default 100) per page and "
            "--offset; retrieve fetches into PROJECT.pacs-cache/ beside the project and imports as images arrive "
            "(Ctrl-C "
            "stops within a second; running it again fetches only what is missing); --accessions takes a CSV of "
            "accession "
            "numbers; send-sr sends the TID 1500 SR of an annotated series to the archive.",
            runPacsCommand },
    };
    return all;
}

const Subcommand* findSubcommand(const std::string& name)
{
    for (const Subcommand& subcommand : subcommands()) {
        if (name == subcommand.name) {
            return &subcommand;
        }
    }
    return nullptr;
}

void printUsage(std::ostream& out)
{
    out << "RadMark " RADMARK_VERSION " - label CT/MRI studies for machine learning\n\n"
        << "Usage:\n"
        << "  radmark [PROJECT.radmark]        open the application (optionally on a project)\n";
    for (const Subcommand& subcommand : subcommands()) {
        out << "  " << subcommand.usage << "\n      " << subcommand.summary << "\n";
    }
    out << "\nExit codes: 0 success, 1 failure, 2 wrong usage; errors are one line on stderr.\n";
}

int runSubcommand(const Subcommand& subcommand, const std::vector<std::string>& arguments)
{
    try {
        return subcommand.run(arguments);
    } catch (const UsageError& error) {
        std::cerr << "radmark " << subcommand.name << ": " << error.what() << " (usage: " << subcommand.usage << ")\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "radmark " << subcommand.name << ": " << error.what() << "\n";
        return 1;
    }
}

} // namespace radmark::app
