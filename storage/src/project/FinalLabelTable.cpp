// ReportStore::finalLabelTable: the labels of every study as they stand, in one pass over the studies, the
// proposals and the decisions in table order, without a string or map per proposal (1.4 million of them in a
// project of 100,000 studies).
#include "project/SqliteStatement.h"
#include "radmark/storage/project/ReportStore.h"

#include <map>
#include <string_view>

namespace radmark::storage {

namespace {

class TextInterner {
public:
    explicit TextInterner(std::vector<std::string>& texts)
        : m_texts(texts)
    {
    }

    std::uint32_t indexOf(std::string_view text)
    {
        if (text.empty()) {
            return 0;
        }
        const auto found = m_indexes.find(text);
        if (found != m_indexes.end()) {
            return found->second;
        }
        const auto index = static_cast<std::uint32_t>(m_texts.size());
        m_texts.emplace_back(text);
        m_indexes.emplace(std::string(text), index);
        return index;
    }

private:
    std::vector<std::string>& m_texts;
    std::map<std::string, std::uint32_t, std::less<>> m_indexes;
};

// Label names in the order first seen; the last one found is tried first (proposals come in runs per study).
class LabelColumns {
public:
    explicit LabelColumns(FinalLabelTable& table)
        : m_table(table)
    {
    }

    std::size_t indexOf(std::string_view name)
    {
        if (m_last < m_table.labelNames.size() && m_table.labelNames[m_last] == name) {
            return m_last;
        }
        for (std::size_t index = 0; index < m_table.labelNames.size(); ++index) {
            if (m_table.labelNames[index] == name) {
                return m_last = index;
            }
        }
        m_table.labelNames.emplace_back(name);
        m_table.columns.emplace_back(m_table.studies.size());
        return m_last = m_table.labelNames.size() - 1;
    }

private:
    FinalLabelTable& m_table;
    std::size_t m_last = 0;
};

constexpr std::size_t noStudy = static_cast<std::size_t>(-1);

} // namespace

FinalLabelTable ReportStore::finalLabelTable() const
{
    FinalLabelTable table;
    std::vector<std::size_t> studyIndexById; // study ids are rowids: dense
    SqliteStatement& studyQuery
        = statement("SELECT id, study_uid, accession_number FROM studies ORDER BY accession_number, study_uid");
    while (studyQuery.step()) {
        const std::int64_t id = studyQuery.int64(0);
        if (id >= 0) {
            const auto at = static_cast<std::size_t>(id);
            if (at >= studyIndexById.size()) {
                studyIndexById.resize(at + 1 + at / 2, noStudy);
            }
            studyIndexById[at] = table.studies.size();
        }
        table.studies.push_back(FinalLabelTable::Study { id, studyQuery.text(1), studyQuery.text(2) });
    }
    studyQuery.reset();
    const auto studyIndex = [&studyIndexById](std::int64_t id) {
        return id >= 0 && static_cast<std::size_t>(id) < studyIndexById.size()
            ? studyIndexById[static_cast<std::size_t>(id)]
            : noStudy;
    };

    TextInterner texts(table.texts);
    LabelColumns labels(table);
    // Proposals (every name counts, also of proposals whose study is gone): per label the latest computed wins,
    // the later row on a tie.
    SqliteStatement& proposalQuery
        = statement("SELECT study_ref, label_name, value, choice, computed_ms FROM label_proposals ORDER BY id");
    while (proposalQuery.step()) {
        const std::size_t label = labels.indexOf(proposalQuery.textView(1));
        const std::size_t study = studyIndex(proposalQuery.int64(0));
        if (study == noStudy) {
            continue;
        }
        FinalLabelTable::Cell& cell = table.columns[label][study];
        const std::int64_t computedMs = proposalQuery.int64(4);
        if (cell.source == FinalLabelTable::Source::Proposal && computedMs < cell.computedMs) {
            continue;
        }
        cell.source = FinalLabelTable::Source::Proposal;
        cell.hasValue = !proposalQuery.isNull(2);
        cell.value = cell.hasValue ? proposalQuery.integer(2) : 0;
        cell.choice = texts.indexOf(proposalQuery.textView(3));
        cell.computedMs = computedMs;
    }
    proposalQuery.reset();
    // The names of decisions (undone ones too) after those of proposals, in the order first decided.
    SqliteStatement& decisionNames = statement("SELECT label_name FROM label_decisions ORDER BY id");
    while (decisionNames.step()) {
        labels.indexOf(decisionNames.textView(0));
    }
    decisionNames.reset();
    // Decisions in force over the proposals, the latest last.
    SqliteStatement& decisionQuery
        = statement("SELECT study_ref, label_name, value, author_name, choice FROM label_decisions "
                    "WHERE undone_ms IS NULL ORDER BY decided_ms, id");
    while (decisionQuery.step()) {
        const std::size_t study = studyIndex(decisionQuery.int64(0));
        if (study == noStudy) {
            continue;
        }
        FinalLabelTable::Cell& cell = table.columns[labels.indexOf(decisionQuery.textView(1))][study];
        cell.source = FinalLabelTable::Source::Human;
        cell.hasValue = !decisionQuery.isNull(2);
        cell.value = cell.hasValue ? decisionQuery.integer(2) : 0;
        cell.author = texts.indexOf(decisionQuery.textView(3));
        cell.choice = texts.indexOf(decisionQuery.textView(4));
    }
    decisionQuery.reset();
    return table;
}

} // namespace radmark::storage
