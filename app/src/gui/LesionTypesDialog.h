#pragma once

#include "radmark/annotation/LesionTypeList.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace radmark::app {

// Edits the project's lesion types: codes are fixed once created (marks and exports use them),
// names can be changed; the unknown type (-1) stays. Codes in use by marks cannot be removed.
class LesionTypesDialog : public QDialog {
    Q_OBJECT
public:
    LesionTypesDialog(const annotation::LesionTypeList& types, const std::vector<int>& codesInUse, QWidget* parent);
    annotation::LesionTypeList lesionTypes() const { return m_types; }

private:
    void fillTable();
    void addType();
    void removeSelected();
    void renameRow(int row);

    annotation::LesionTypeList m_types;
    std::vector<int> m_codesInUse;
    QTableWidget* m_table = nullptr;
    QLabel* m_message = nullptr;
    bool m_filling = false;
};

} // namespace radmark::app
