#include "gui/team/AgreementPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace radmark::app {

AgreementPanel::AgreementPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName("agreementPanel");
    m_status = new QLabel(tr("Open a team project to see how its readers agree."), this);
    m_status->setWordWrap(true);
    m_refresh = new QPushButton(tr("Recompute"), this);
    m_view = new QTextBrowser(this);
    m_view->setObjectName("agreementText");
    m_view->setOpenLinks(false);
    auto* top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_refresh);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    connect(m_refresh, &QPushButton::clicked, this, &AgreementPanel::refreshRequested);
    connect(&m_watcher, &QFutureWatcher<storage::TeamAgreementReport>::finished, this, [this] {
        const storage::TeamAgreementReport report = m_watcher.result();
        m_markdown = QString::fromStdString(storage::teamAgreementMarkdown(report, 3));
        m_view->setMarkdown(m_markdown);
        m_status->setText(tr("Reader agreement of %1 double-read studies (same figures as `radmark team agreement`).")
                              .arg(report.doubleReadStudies));
        m_refresh->setEnabled(true);
        emit computed();
    });
}

AgreementPanel::~AgreementPanel()
{
    m_watcher.waitForFinished();
}

void AgreementPanel::compute(const storage::TeamReadings& readings)
{
    if (readings.annotators.empty()) {
        m_watcher.waitForFinished();
        m_markdown.clear();
        m_view->clear();
        m_status->setText(tr("Not a team project: no study is assigned to annotators (radmark team split)."));
        return;
    }
    m_watcher.waitForFinished();
    m_status->setText(tr("Computing reader agreement…"));
    m_refresh->setEnabled(false);
    m_watcher.setFuture(QtConcurrent::run([readings] { return storage::computeTeamAgreement(readings); }));
}

} // namespace radmark::app
