#pragma once

#include "radmark/storage/project/ProjectRecords.h"

#include <QDialog>

#include <vector>

namespace radmark::app {

// Lists files that were not imported with their reasons; copyable as text.
class SkippedFilesDialog : public QDialog {
    Q_OBJECT
public:
    SkippedFilesDialog(const std::vector<storage::SkippedFile>& skipped, const QString& heading, QWidget* parent);
};

} // namespace radmark::app
