#pragma once

#include <QDialog>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace radmark::app {

// Labels ▸ Draw Audit Sample…: how many studies to draw at random (at most the studies that have proposals and no
// human decision) and the seed (a random one filled in; any whole number reproduces a draw). OK calls `draw`; its
// refusal (a ProjectError) is shown here and the dialog stays open.
class AuditDrawDialog : public QDialog {
    Q_OBJECT
public:
    using DrawFunction = std::function<void(std::size_t size, std::uint64_t seed)>;
    AuditDrawDialog(std::size_t eligibleStudies, std::size_t auditedStudies, DrawFunction draw, QWidget* parent);

    QSpinBox* sizeBox() const { return m_size; }
    QLineEdit* seedEdit() const { return m_seed; }

    void accept() override;

private:
    QSpinBox* m_size = nullptr;
    QLineEdit* m_seed = nullptr;
    QLabel* m_error = nullptr;
    DrawFunction m_draw;
};

} // namespace radmark::app
