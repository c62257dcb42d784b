#pragma once

#include "radmark/storage/team/TeamAgreementReport.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace radmark::app {

// Reader agreement of a team project as `radmark team agreement` prints it (labels with kappa / alpha and
// bootstrap intervals, lesions, annotators), computed on a worker thread from the readings it is given.
class AgreementPanel : public QWidget {
    Q_OBJECT
public:
    explicit AgreementPanel(QWidget* parent = nullptr);
    ~AgreementPanel() override;

    // Starts computing the figures of these readings (a copy is taken); the text follows when done.
    void compute(const storage::TeamReadings& readings);
    QTextBrowser* view() const { return m_view; }
    bool isComputing() const { return m_watcher.isRunning(); }
    // The markdown shown (empty before the first result).
    const QString& markdown() const { return m_markdown; }

signals:
    void refreshRequested();
    void computed();

private:
    QLabel* m_status = nullptr;
    QPushButton* m_refresh = nullptr;
    QTextBrowser* m_view = nullptr;
    QString m_markdown;
    QFutureWatcher<storage::TeamAgreementReport> m_watcher;
};

} // namespace radmark::app
