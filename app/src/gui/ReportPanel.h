#pragma once

#include <QTextEdit>
#include <QWidget>

#include <utility>
#include <vector>

class QLabel;

namespace radmark::app {

class LabelReviewSession;

// The shown study's report beside the images: section headings (technique, findings, impression...)
// recognised and set apart (the impression tinted, indication / history / comparison greyed), and the
// phrase behind every proposed label highlighted by its value (red positive, green negative, amber
// uncertain). showLabelEvidence selects a label's sentence and scrolls to it; clicking a highlighted
// phrase emits evidenceClicked with its label.
class ReportPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReportPanel(LabelReviewSession* session, QWidget* parent = nullptr);

    QTextEdit* textView() const { return m_text; }
    // Selects the sentence of the label's evidence; false when the label has none in this report.
    bool showLabelEvidence(int labelIndex);
    // The selected range in the text view's characters (begin, end); equal when nothing is selected.
    std::pair<int, int> selectedRange() const;
    // Where a label's evidence lies in the text view's characters; (-1, -1) when it has none.
    std::pair<int, int> mentionRange(int labelIndex) const;
    std::pair<int, int> sentenceRange(int labelIndex) const;
    // The label whose highlighted phrase covers this character; -1 when none.
    int labelAt(int characterPosition) const;

signals:
    void evidenceClicked(int labelIndex);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Evidence {
        int label = -1;
        int mentionBegin = 0;
        int mentionEnd = 0;
        int sentenceBegin = 0;
        int sentenceEnd = 0;
    };

    void showReport();

    LabelReviewSession* m_session = nullptr;
    QLabel* m_header = nullptr;
    QTextEdit* m_text = nullptr;
    std::vector<Evidence> m_evidence;
};

} // namespace radmark::app
