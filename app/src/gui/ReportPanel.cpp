#include "gui/ReportPanel.h"
#include "gui/PeopleText.h"

#include "gui/LabelReviewSession.h"
#include "radmark/annotation/reports/ReportText.h"

#include <QLabel>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

#include <tuple>

namespace radmark::app {

namespace {

// QString position of every UTF-8 byte offset of `text` (size + 1 entries): the labeller counts bytes,
// the text view UTF-16 code units.
std::vector<int> utf16Positions(const std::string& text)
{
    std::vector<int> positions(text.size() + 1, 0);
    int position = 0;
    std::size_t index = 0;
    while (index < text.size()) {
        const unsigned char lead = static_cast<unsigned char>(text[index]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        for (std::size_t k = 0; k < length && index + k < text.size(); ++k) {
            positions[index + k] = position;
        }
        index += length;
        position += length == 4 ? 2 : 1; // a code point above U+FFFF is a surrogate pair
    }
    for (std::size_t k = std::min(index, text.size()); k <= text.size(); ++k) {
        positions[k] = position;
    }
    return positions;
}

QColor evidenceColour(const annotation::LabelDefinition& label, annotation::LabelValue value)
{
    if (label.kind != annotation::LabelKind::Finding && value == annotation::LabelValue::Positive) {
        return QColor(60, 80, 130); // a yes or a choice: not a finding
    }
    switch (value) {
    case annotation::LabelValue::Positive:
        return QColor(140, 50, 50);
    case annotation::LabelValue::Negative:
        return QColor(40, 100, 56);
    case annotation::LabelValue::Uncertain:
        return QColor(130, 104, 26);
    case annotation::LabelValue::NotMentioned:
        break;
    }
    return {};
}

void format(QTextDocument* document, int begin, int end, const QTextCharFormat& charFormat)
{
    QTextCursor cursor(document);
    cursor.setPosition(begin);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    cursor.mergeCharFormat(charFormat);
}

} // namespace

ReportPanel::ReportPanel(LabelReviewSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName("reportPanel");
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setStyleSheet("QLabel { color: #b0b0b0; }");
    m_text = new QTextEdit(this);
    m_text->setObjectName("reportText");
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont font = m_text->font();
    font.setPointSizeF(font.pointSizeF() + 1.0);
    m_text->setFont(font);
    // The selected evidence sentence stays visible while the label table has the focus.
    QPalette palette = m_text->palette();
    palette.setColor(QPalette::Inactive, QPalette::Highlight, palette.color(QPalette::Active, QPalette::Highlight));
    palette.setColor(
        QPalette::Inactive, QPalette::HighlightedText, palette.color(QPalette::Active, QPalette::HighlightedText));
    m_text->setPalette(palette);
    m_text->viewport()->installEventFilter(this);
    m_text->viewport()->setCursor(Qt::ArrowCursor);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
    layout->addWidget(m_text, 1);
    connect(m_session, &LabelReviewSession::studyShown, this, &ReportPanel::showReport);
    connect(m_session, &LabelReviewSession::schemaChanged, this, &ReportPanel::showReport);
    showReport();
}

void ReportPanel::showReport()
{
    m_evidence.clear();
    const std::string& text = m_session->reportText();
    const storage::StudyReviewState* state = m_session->studyState();
    if (state == nullptr) {
        m_header->setText(tr("No study shown: open a series, or press Enter in the label panel."));
        m_text->clear();
        return;
    }
    if (text.empty()) {
        m_header->setText(tr("This study has no report (import one with File ▸ Import Files…: a .txt named after "
                             "the accession number or Study Instance UID, or a CSV)."));
        m_text->clear();
        return;
    }
    m_header->setText(
        tr("Report of %1. Highlighted: the phrase behind each proposed label (red positive, green "
           "negative, amber uncertain, blue a yes or a choice); click one to select its label.")
            .arg(QString::fromStdString(state->accessionNumber.empty() ? state->studyUid : state->accessionNumber)
                     .toHtmlEscaped()));
    const std::vector<int> positions = utf16Positions(text);
    m_text->setPlainText(QString::fromStdString(text));
    QTextDocument* document = m_text->document();

    // Sections: each heading and the text up to the next one.
    const annotation::TokenizedReport tokens = annotation::tokenizeReport(text);
    for (std::size_t index = 0; index < tokens.headings.size(); ++index) {
        const annotation::ReportHeading& heading = tokens.headings[index];
        const std::size_t bodyEnd = index + 1 < tokens.headings.size() ? tokens.headings[index + 1].begin : text.size();
        QTextCharFormat title;
        title.setFontWeight(QFont::Bold);
        QTextCharFormat body;
        if (heading.section == annotation::ReportSection::Impression) {
            title.setForeground(QColor(140, 190, 255));
            body.setBackground(QColor(30, 44, 62));
        } else if (heading.section == annotation::ReportSection::Ignored) {
            title.setForeground(QColor(150, 150, 150));
            body.setForeground(QColor(150, 150, 150));
        } else if (heading.name == "technique") {
            title.setForeground(QColor(170, 210, 170));
            body.setForeground(QColor(190, 200, 190));
        } else {
            title.setForeground(QColor(235, 200, 120));
        }
        format(document, positions[heading.begin], positions[heading.end], title);
        format(document, positions[heading.end], positions[bodyEnd], body);
    }

    const annotation::LabelledReport& evidence = m_session->evidence();
    for (std::size_t label = 0; label < evidence.labels.size(); ++label) {
        const annotation::LabelResult& result = evidence.labels[label];
        const annotation::LabelExplanation& why = result.explanation;
        if (result.value == annotation::LabelValue::NotMentioned || why.mentionEnd <= why.mentionBegin
            || why.mentionEnd > text.size()) {
            continue;
        }
        Evidence span;
        span.label = static_cast<int>(label);
        span.mentionBegin = positions[why.mentionBegin];
        span.mentionEnd = positions[why.mentionEnd];
        span.sentenceBegin = positions[std::min(why.sentenceBegin, text.size())];
        span.sentenceEnd = positions[std::min(why.sentenceEnd, text.size())];
        m_evidence.push_back(span);
        QTextCharFormat mention;
        mention.setBackground(evidenceColour(m_session->schema()->labels[label], result.value));
        mention.setForeground(QColor(250, 250, 250));
        mention.setFontUnderline(true);
        mention.setToolTip(QString::fromStdString(m_session->schema()->labels[label].name) + ": "
            + readableExplanation(why.describe()));
        format(document, span.mentionBegin, span.mentionEnd, mention);
    }
    m_text->moveCursor(QTextCursor::Start);
}

std::pair<int, int> ReportPanel::mentionRange(int labelIndex) const
{
    for (const Evidence& span : m_evidence) {
        if (span.label == labelIndex) {
            return { span.mentionBegin, span.mentionEnd };
        }
    }
    return { -1, -1 };
}

std::pair<int, int> ReportPanel::sentenceRange(int labelIndex) const
{
    for (const Evidence& span : m_evidence) {
        if (span.label == labelIndex) {
            return { span.sentenceBegin, span.sentenceEnd };
        }
    }
    return { -1, -1 };
}

bool ReportPanel::showLabelEvidence(int labelIndex)
{
    auto [begin, end] = sentenceRange(labelIndex);
    // A "sentence" that is most of the report (a report without full stops, as many one-line CSV reports
    // are) would select the whole report: the phrase itself is selected then.
    const int reportLength = m_text->document()->characterCount();
    if (begin >= 0 && (end - begin) * 2 > reportLength) {
        std::tie(begin, end) = mentionRange(labelIndex);
    }
    QTextCursor cursor = m_text->textCursor();
    if (begin < 0) {
        cursor.clearSelection();
        m_text->setTextCursor(cursor);
        return false;
    }
    cursor.setPosition(begin);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    m_text->setTextCursor(cursor);
    m_text->ensureCursorVisible();
    return true;
}

std::pair<int, int> ReportPanel::selectedRange() const
{
    const QTextCursor cursor = m_text->textCursor();
    return { cursor.selectionStart(), cursor.selectionEnd() };
}

int ReportPanel::labelAt(int characterPosition) const
{
    for (const Evidence& span : m_evidence) {
        if (characterPosition >= span.mentionBegin && characterPosition < span.mentionEnd) {
            return span.label;
        }
    }
    return -1;
}

bool ReportPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_text->viewport() && event->type() == QEvent::MouseButtonRelease) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton && !m_text->textCursor().hasSelection()) {
            const int label = labelAt(m_text->cursorForPosition(mouse->position().toPoint()).position());
            if (label >= 0) {
                showLabelEvidence(label);
                emit evidenceClicked(label);
            }
        }
    } else if (watched == m_text->viewport() && event->type() == QEvent::MouseMove) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        const int label = labelAt(m_text->cursorForPosition(mouse->position().toPoint()).position());
        m_text->viewport()->setCursor(label >= 0 ? Qt::PointingHandCursor : Qt::IBeamCursor);
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace radmark::app
