#pragma once

#include "labelling/LabelSchemaSource.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;

namespace radmark::app {

// Labels ▸ Run Labeller…: which schema (the project's current one, a shipped preset or a JSON file) and
// whether to label only studies not labelled with it yet. A schema with errors is refused here, with its
// file, line and reason, so nothing is stored.
class RunLabellerDialog : public QDialog {
    Q_OBJECT
public:
    RunLabellerDialog(const annotation::LabelSchema* projectSchema, QWidget* parent);

    // The schema chosen; empty for the project's current schema.
    const std::optional<LabelSchemaSource>& schemaSource() const { return m_source; }
    bool onlyUnlabelled() const;
    QComboBox* schemaCombo() const { return m_schema; }

    void accept() override;

private:
    QComboBox* m_schema = nullptr;
    QCheckBox* m_onlyUnlabelled = nullptr;
    QLabel* m_error = nullptr;
    std::optional<LabelSchemaSource> m_source;
};

} // namespace radmark::app
