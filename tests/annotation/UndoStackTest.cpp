#include "radmark/annotation/UndoStack.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

using namespace radmark::annotation;

namespace {

// Sets an integer to a value; undo puts the previous one back. Commands with a merge id fold into one step.
class SetValue : public UndoCommand {
public:
    SetValue(int& target, int value, MergeId merge = kNoMerge, bool fails = false)
        : m_target(target)
        , m_value(value)
        , m_merge(merge)
        , m_fails(fails)
    {
    }

    std::string text() const override { return "Set " + std::to_string(m_value); }
    MergeId mergeId() const override { return m_merge; }
    bool undo() override
    {
        m_target = m_before;
        return true;
    }
    bool redo() override
    {
        if (m_fails) {
            return false;
        }
        m_before = m_target;
        m_target = m_value;
        return true;
    }
    void mergeWith(UndoCommand& next) override
    {
        m_value = static_cast<SetValue&>(next).m_value; // undo still restores this command's m_before
    }

private:
    int& m_target;
    int m_value;
    int m_before = 0;
    MergeId m_merge;
    bool m_fails;
};

} // namespace

TEST_CASE("the undo stack executes, undoes and redoes commands in order with their texts", "[undo]")
{
    int value = 0;
    UndoStack stack;
    int notifications = 0;
    stack.addObserver([&notifications] { ++notifications; });
    CHECK_FALSE(stack.canUndo());
    CHECK(stack.undoText().empty());
    REQUIRE(stack.push(std::make_unique<SetValue>(value, 1)));
    REQUIRE(stack.push(std::make_unique<SetValue>(value, 2)));
    CHECK(value == 2);
    CHECK(stack.count() == 2);
    CHECK(stack.undoText() == "Set 2");
    CHECK(stack.undo());
    CHECK(value == 1);
    CHECK(stack.undoText() == "Set 1");
    CHECK(stack.redoText() == "Set 2");
    CHECK(stack.undo());
    CHECK(value == 0);
    CHECK_FALSE(stack.undo());
    CHECK(stack.redo());
    CHECK(value == 1);
    CHECK(stack.index() == 1);
    CHECK(notifications == 5);
}

TEST_CASE("a new command after an undo drops the redo branch", "[undo]")
{
    int value = 0;
    UndoStack stack;
    stack.push(std::make_unique<SetValue>(value, 1));
    stack.push(std::make_unique<SetValue>(value, 2));
    stack.push(std::make_unique<SetValue>(value, 3));
    stack.undo();
    stack.undo();
    REQUIRE(stack.canRedo());
    stack.push(std::make_unique<SetValue>(value, 7));
    CHECK(value == 7);
    CHECK_FALSE(stack.canRedo());
    CHECK(stack.count() == 2);
    CHECK(stack.command(0).text() == "Set 1");
    CHECK(stack.command(1).text() == "Set 7");
    stack.undo();
    stack.undo();
    CHECK(value == 0);
}

TEST_CASE("commands with the same merge id fold into one step until an undo or another id", "[undo]")
{
    int value = 0;
    UndoStack stack;
    const MergeId drag = stack.newMergeId();
    const MergeId otherDrag = stack.newMergeId();
    CHECK(drag != kNoMerge);
    CHECK(otherDrag != drag);
    stack.push(std::make_unique<SetValue>(value, 1, drag));
    stack.push(std::make_unique<SetValue>(value, 2, drag));
    stack.push(std::make_unique<SetValue>(value, 3, drag));
    CHECK(value == 3);
    CHECK(stack.count() == 1);
    CHECK(stack.undoText() == "Set 3");
    stack.push(std::make_unique<SetValue>(value, 4, otherDrag)); // another gesture: a new step
    CHECK(stack.count() == 2);
    stack.undo();
    CHECK(value == 3);
    stack.undo();
    CHECK(value == 0); // the whole first drag in one step
    stack.redo();
    CHECK(value == 3);
    // After an undo or redo the same id starts a new step, and kNoMerge never merges.
    stack.push(std::make_unique<SetValue>(value, 5, drag));
    CHECK(stack.count() == 2);
    stack.push(std::make_unique<SetValue>(value, 6));
    stack.push(std::make_unique<SetValue>(value, 7));
    CHECK(stack.count() == 4);
}

TEST_CASE("the clean state follows undo and redo and is lost with a dropped redo branch", "[undo]")
{
    int value = 0;
    UndoStack stack;
    CHECK(stack.isClean());
    stack.push(std::make_unique<SetValue>(value, 1));
    CHECK_FALSE(stack.isClean());
    stack.setClean();
    CHECK(stack.isClean());
    CHECK(stack.cleanIndex() == 1);
    stack.push(std::make_unique<SetValue>(value, 2));
    CHECK_FALSE(stack.isClean());
    stack.undo();
    CHECK(stack.isClean());
    stack.undo();
    CHECK_FALSE(stack.isClean());
    stack.redo();
    CHECK(stack.isClean());
    // A merge never changes the clean step: a drag right after saving is a new step.
    const MergeId drag = stack.newMergeId();
    stack.push(std::make_unique<SetValue>(value, 3, drag));
    stack.setClean();
    stack.push(std::make_unique<SetValue>(value, 4, drag));
    CHECK(stack.count() == 3);
    stack.undo();
    CHECK(stack.isClean());
    stack.undo();
    stack.push(std::make_unique<SetValue>(value, 9)); // drops the branch holding the clean state
    CHECK(stack.cleanIndex() == -1);
    CHECK_FALSE(stack.isClean());
    stack.clear();
    CHECK(stack.isClean());
    CHECK(stack.count() == 0);
}

TEST_CASE("a command that fails leaves the stack and its redo branch as they were", "[undo]")
{
    int value = 0;
    UndoStack stack;
    stack.push(std::make_unique<SetValue>(value, 1));
    stack.push(std::make_unique<SetValue>(value, 2));
    stack.undo();
    CHECK_FALSE(stack.push(std::make_unique<SetValue>(value, 5, kNoMerge, true)));
    CHECK(value == 1);
    CHECK(stack.count() == 2);
    CHECK(stack.redoText() == "Set 2");
}

TEST_CASE("removeIf forgets one owner's commands and keeps the others in order", "[undo]")
{
    int marks = 0;
    int labels = 0;
    UndoStack stack;
    stack.push(std::make_unique<SetValue>(marks, 1));
    stack.push(std::make_unique<SetValue>(labels, 10));
    stack.push(std::make_unique<SetValue>(marks, 2));
    stack.push(std::make_unique<SetValue>(labels, 20));
    stack.undo(); // labels back to 10
    stack.removeIf([](const UndoCommand& command) { return command.text() == "Set 1" || command.text() == "Set 2"; });
    CHECK(stack.count() == 2);
    CHECK(stack.index() == 1);
    CHECK(stack.undoText() == "Set 10");
    CHECK(stack.redoText() == "Set 20");
    stack.redo();
    CHECK(labels == 20);
    // Nothing selected: everything stays, texts included.
    stack.removeIf([](const UndoCommand&) { return false; });
    CHECK(stack.count() == 2);
    CHECK(stack.undoText() == "Set 20");
    stack.undo();
    CHECK(stack.undoText() == "Set 10");
}
