#pragma once

#include "radmark/storage/importing/Importer.h"

#include <QString>

class QWidget;

namespace radmark::app {

// " Marks from DICOM SR: N imported, M not mapped." for the import's status message; empty when the import
// read no SR measurements.
QString srMarksSummary(const storage::ImportSummary& summary);

// Lists the SR measurements that could not become marks (file, measurement group, reason) in a message box;
// shows nothing when there are none.
void showSrMarksNotMapped(const storage::ImportSummary& summary, QWidget* parent);

} // namespace radmark::app
