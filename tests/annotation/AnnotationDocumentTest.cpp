#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"

#include "MarkFixtures.h"

#include <catch2/catch.hpp>

using namespace radmark::annotation;

namespace {

LesionMark recistMark(const SliceContext& slice)
{
    LesionMark mark;
    mark.slice = slice.reference;
    mark.plane = slice.plane;
    mark.shape = *makeRecist({ { 100, 100 }, { 140, 100 } }, { { 120, 92 }, { 120, 108 } }, slice.plane).mark;
    return mark;
}

} // namespace

TEST_CASE("adding stamps id, author and time, undo and redo swap it out and in", "[document]")
{
    auto document = fixtures::makeDocument();
    std::vector<DocumentChange> changes;
    document->addObserver([&changes](const DocumentChange& change) { changes.push_back(change); });

    const EditResult added = document->addMark(recistMark(fixtures::axialSlice(5)));
    REQUIRE(added);
    CHECK(isValidMarkId(added.markId));
    const LesionMark* mark = document->find(added.markId);
    REQUIRE(mark != nullptr);
    CHECK(mark->author == Author { "Dr Test", AuthorRole::Radiologist });
    CHECK(formatIso8601Utc(mark->createdMs) == "2024-01-01T00:00:01.000Z");
    CHECK(mark->modifiedMs == mark->createdMs);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].origin == ChangeOrigin::Execute);
    CHECK(changes[0].added == std::vector<MarkId> { added.markId });
    REQUIRE(changes[0].history);
    CHECK(changes[0].history->kind == CommandKind::AddMark);
    CHECK(changes[0].history->author.name == "Dr Test");

    REQUIRE(document->undo());
    CHECK(document->marks().empty());
    CHECK(changes.back().origin == ChangeOrigin::Undo);
    CHECK(changes.back().removed == std::vector<MarkId> { added.markId });
    REQUIRE(document->redo());
    CHECK(document->marks().size() == 1);
    CHECK(changes.back().origin == ChangeOrigin::Redo);
    CHECK(changes.back().added == std::vector<MarkId> { added.markId });
    CHECK_FALSE(document->redo());
    CHECK(document->history().size() == 3);
    CHECK(document->addMark(*document->find(added.markId)).error.find("exists") != std::string::npos);
}

TEST_CASE("every command undoes to the exact previous value and redoes to the next", "[document]")
{
    auto document = fixtures::makeDocument();
    const SliceContext slice = fixtures::axialSlice(5);
    const MarkId first = document->addMark(recistMark(slice)).markId;
    LesionMark line;
    line.slice = slice.reference;
    line.plane = slice.plane;
    line.shape = LineMark { { { 10, 10 }, { 30, 10 } } };
    const MarkId second = document->addMark(line).markId;

    using Step = std::function<EditResult(AnnotationDocument&)>;
    const std::vector<std::pair<const char*, Step>> steps = {
        { "move handle",
            [&](AnnotationDocument& d) {
                return d.moveHandle(first, 1, { 150, 100 });
            } },
        { "move mark",
            [&](AnnotationDocument& d) {
                return d.moveMark(first, { 3, -2 });
            } },
        { "set type", [&](AnnotationDocument& d) { return d.setLesionType(first, 4); } },
        { "set note", [&](AnnotationDocument& d) { return d.setNote(first, "segment VIII"); } },
        { "copy to next slice",
            [&](AnnotationDocument& d) { return d.copyToAdjacentSlice(first, fixtures::axialSlice(6)); } },
        { "derive box", [&](AnnotationDocument& d) { return d.deriveBoxFromRecist(first); } },
        { "delete", [&](AnnotationDocument& d) { return d.deleteMark(second); } },
        { "add", [&](AnnotationDocument& d) { return d.addMark(recistMark(fixtures::axialSlice(9))); } },
    };
    for (const auto& [name, step] : steps) {
        INFO(name);
        const std::vector<LesionMark> before = document->marks();
        REQUIRE(step(*document));
        const std::vector<LesionMark> after = document->marks();
        CHECK(after != before);
        REQUIRE(document->undo());
        CHECK(document->marks() == before);
        REQUIRE(document->redo());
        CHECK(document->marks() == after);
    }
    CHECK(document->undoCount() == 2 + steps.size());
    while (document->undo()) { }
    CHECK(document->marks().empty());
    CHECK(document->redoCount() == 2 + steps.size());
}

TEST_CASE("commands change the values they promise", "[document]")
{
    auto document = fixtures::makeDocument();
    const SliceContext slice = fixtures::axialSlice(5);
    const MarkId id = document->addMark(recistMark(slice)).markId;

    REQUIRE(document->setLesionType(id, 5));
    REQUIRE(document->setNote(id, "right upper lobe"));
    CHECK(document->find(id)->lesionType == 5);
    CHECK(document->find(id)->note == "right upper lobe");
    CHECK(document->find(id)->modifiedMs > document->find(id)->createdMs);

    const EditResult copy = document->copyToAdjacentSlice(id, fixtures::axialSlice(4));
    REQUIRE(copy);
    const LesionMark* copied = document->find(copy.markId);
    CHECK(copied->slice.sliceIndex == 4);
    CHECK(copied->lesionType == 5);
    CHECK(std::get<RecistMark>(copied->shape).longAxisPx == std::get<RecistMark>(document->find(id)->shape).longAxisPx);
    CHECK(std::get<RecistMark>(copied->shape).longAxisLpsMm.startLpsMm.z == Approx(10.0 + 4 * 5.0));
    CHECK_FALSE(document->copyToAdjacentSlice(id, fixtures::axialSlice(7)));

    const EditResult box = document->deriveBoxFromRecist(id);
    REQUIRE(box);
    CHECK(document->find(box.markId)->derivedFromRecistId == id);
    CHECK(std::get<Box2dMark>(document->find(box.markId)->shape).boxPx == PixelBox { 95, 87, 145, 113 });
    CHECK_FALSE(document->deriveBoxFromRecist(id));
    CHECK_FALSE(document->deriveBoxFromRecist(box.markId));

    // The derived box follows its RECIST mark in the same command.
    const std::size_t undoSteps = document->undoCount();
    REQUIRE(document->moveMark(id, { 10, 0 }));
    CHECK(std::get<Box2dMark>(document->find(box.markId)->shape).boxPx == PixelBox { 105, 87, 155, 113 });
    REQUIRE(document->moveHandle(id, 1, { 160, 100 }));
    CHECK(std::get<Box2dMark>(document->find(box.markId)->shape).boxPx == PixelBox { 105, 87, 165, 113 });
    CHECK(document->undoCount() == undoSteps + 2);

    CHECK_FALSE(document->deleteMark("missing"));
    CHECK_FALSE(document->moveHandle(id, 9, { 0, 0 }));
}

TEST_CASE("a drag of 100 moves is one undo step and one history line", "[document]")
{
    auto document = fixtures::makeDocument();
    const MarkId id = document->addMark(recistMark(fixtures::axialSlice(5))).markId;
    const LesionMark original = *document->find(id);
    std::vector<DocumentChange> changes;
    document->addObserver([&changes](const DocumentChange& change) { changes.push_back(change); });

    const MergeId gesture = document->newMergeId();
    for (int step = 1; step <= 100; ++step) {
        REQUIRE(document->moveHandle(id, 1, { 140.0 + step * 0.5, 100.0 + step * 0.25 }, gesture));
    }
    CHECK(changes.size() == 100);
    CHECK_FALSE(changes.front().mergedIntoPrevious);
    CHECK(changes.back().mergedIntoPrevious);
    CHECK(changes.back().modified == std::vector<MarkId> { id });
    CHECK(document->undoCount() == 2);
    CHECK(document->history().size() == 2);
    CHECK(document->history().back().timeMs == changes.back().history->timeMs);

    const MergeId nextGesture = document->newMergeId();
    REQUIRE(document->moveMark(id, { 1, 1 }, nextGesture));
    REQUIRE(document->moveMark(id, { 1, 1 }, nextGesture));
    CHECK(document->undoCount() == 3);

    REQUIRE(document->undo());
    REQUIRE(document->undo());
    CHECK(*document->find(id) == original);
    // After an undo a step with the old merge id starts a new command instead of merging.
    REQUIRE(document->moveHandle(id, 1, { 150, 100 }, gesture));
    REQUIRE(document->moveHandle(id, 1, { 151, 100 }, gesture));
    CHECK(document->undoCount() == 2);
    CHECK_FALSE(document->canRedo());
}

TEST_CASE("observers can be removed and reset clears the undo history", "[document]")
{
    auto document = fixtures::makeDocument();
    int calls = 0;
    const ObserverId observer = document->addObserver([&calls](const DocumentChange&) { ++calls; });
    const MarkId id = document->addMark(recistMark(fixtures::axialSlice(5))).markId;
    document->removeObserver(observer);
    REQUIRE(document->setNote(id, "x"));
    CHECK(calls == 1);

    std::vector<DocumentChange> changes;
    document->addObserver([&changes](const DocumentChange& change) { changes.push_back(change); });
    const std::vector<LesionMark> stored = document->marks();
    document->reset(stored);
    CHECK_FALSE(document->canUndo());
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].origin == ChangeOrigin::Reset);
    CHECK(changes[0].added == std::vector<MarkId> { id });
    CHECK_FALSE(changes[0].history);
    CHECK(document->marksOnSlice("1.2.3.series", 5).size() == 1);
    CHECK(document->marksOnSlice("1.2.3.series", 6).empty());
}

TEST_CASE(
    "a document on a shared undo stack interleaves with other edits and reset forgets only its own", "[document][undo]")
{
    struct Counter : UndoCommand {
        explicit Counter(int& value)
            : m_value(value)
        {
        }
        std::string text() const override { return "Count"; }
        bool undo() override { return --m_value, true; }
        bool redo() override { return ++m_value, true; }
        int& m_value;
    };
    UndoStack shared;
    auto document = fixtures::makeDocument();
    document->useUndoStack(shared);
    int labels = 0;
    const MarkId id = document->addMark(recistMark(fixtures::axialSlice(5))).markId;
    shared.push(std::make_unique<Counter>(labels));
    const MergeId drag = document->newMergeId();
    document->moveMark(id, { 1, 0 }, drag);
    document->moveMark(id, { 1, 0 }, drag); // merged: one step
    CHECK(shared.count() == 3);
    CHECK(shared.undoText() == "Move RECIST on slice 6");
    CHECK(document->undo()); // the drag
    CHECK(labels == 1);
    CHECK(shared.undo()); // the other owner's edit
    CHECK(labels == 0);
    CHECK(document->find(id) != nullptr);
    CHECK(shared.undoText() == "Add RECIST on slice 6");
    CHECK(shared.redo());
    CHECK(labels == 1);
    document->reset({});
    CHECK(shared.count() == 1);
    CHECK(shared.index() == 1);
    CHECK(shared.undoText() == "Count");
    CHECK(shared.redoText().empty());
}
