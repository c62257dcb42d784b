#pragma once

#include "gui/LabelReviewSession.h"

#include <QTableWidget>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace radmark::app {

// The label table: keys are the labels' schema shortcuts and Enter while it has focus, taken before the
// window's own shortcuts (slice view keys, tools) so that the same letters can be used.
class LabelTable : public QTableWidget {
    Q_OBJECT
public:
    explicit LabelTable(QWidget* parent = nullptr);
    // One key sequence per row (empty: none).
    void setLabelKeys(const std::vector<QKeySequence>& keys) { m_keys = keys; }

signals:
    void labelKeyPressed(int row);
    void confirmPressed();

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    int rowOfKey(const QKeyEvent* event) const;

    std::vector<QKeySequence> m_keys;
};

// Study-level labels of the shown study, one row per schema label: its key, name, the labeller's
// proposal, the human decision, the source (auto / human) and the decision's author. A label's key cycles
// its value; Enter confirms the study (LabellingWorkflow then opens the next unconfirmed one). The filter
// picks the studies that Previous / Next and Enter go through.
class LabelPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { KeyColumn, NameColumn, ProposedColumn, HumanColumn, SourceColumn, AuthorColumn, ColumnCount };

    LabelPanel(LabelReviewSession* session, QWidget* parent = nullptr);

    LabelTable* table() const { return m_table; }
    QComboBox* filterCombo() const { return m_filter; }
    QLabel* studyLabel() const { return m_study; }
    // The measured accuracy of the proposals from the audit (one row per label), and its summary line.
    QTableWidget* auditTable() const { return m_auditTable; }
    QLabel* auditSummary() const { return m_auditSummary; }
    void setFilter(LabelReviewSession::Filter filter);
    int selectedLabel() const;
    void selectLabel(int index);
    void focusLabels();

signals:
    void labelSelected(int index); // by the user (click or arrow keys)
    void confirmRequested();
    void previousRequested();
    void nextRequested();

private:
    void rebuildRows();
    void fillRows();
    void updateStudyLine();
    void fillAudit();

    LabelReviewSession* m_session = nullptr;
    QComboBox* m_filter = nullptr;
    QLabel* m_study = nullptr;
    QLabel* m_hint = nullptr;
    LabelTable* m_table = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_confirm = nullptr;
    QWidget* m_auditBox = nullptr;
    QLabel* m_auditSummary = nullptr;
    QTableWidget* m_auditTable = nullptr;
    bool m_filling = false;
};

} // namespace radmark::app
