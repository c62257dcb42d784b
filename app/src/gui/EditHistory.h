#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <vector>

namespace radmark::app {

// One undo history across the kinds of edit a user makes in the window (lesion marks, study labels),
// so that Ctrl+Z undoes the last edit whichever kind it was. Each kind keeps its own command stack (the
// annotation document's, the label review's); this class only remembers the order in which the kinds were
// edited and calls the right stack. A new edit of any kind ends every redo.
class EditHistory : public QObject {
    Q_OBJECT
public:
    enum class Kind { Marks, Labels };

    struct Participant {
        std::function<bool()> undo;  // undo its last edit; false when it had none
        std::function<bool()> redo;
        std::function<QString()> undoDescription;
        std::function<QString()> redoDescription;
    };

    explicit EditHistory(QObject* parent = nullptr);

    void setParticipant(Kind kind, Participant participant);
    // A new edit of `kind` was made (its own stack grew by one step).
    void recordEdit(Kind kind);
    // Forgets the order (the participants cleared their stacks, e.g. on opening another project).
    void clear();
    // Forgets the steps of one kind (its stack was cleared) and keeps the others.
    void clearKind(Kind kind);

    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    QString undoDescription() const;
    QString redoDescription() const;
    bool undo();
    bool redo();

signals:
    void changed();

private:
    Participant& participant(Kind kind) { return kind == Kind::Marks ? m_marks : m_labels; }
    const Participant& participant(Kind kind) const { return kind == Kind::Marks ? m_marks : m_labels; }

    Participant m_marks;
    Participant m_labels;
    std::vector<Kind> m_undo;
    std::vector<Kind> m_redo;
};

}  // namespace radmark::app
