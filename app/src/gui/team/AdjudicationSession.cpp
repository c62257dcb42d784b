#include "gui/team/AdjudicationSession.h"

#include "radmark/annotation/Timestamp.h"
#include "radmark/storage/project/ProjectStore.h"

namespace radmark::app {

AdjudicationSession::AdjudicationSession(QObject* parent)
    : QObject(parent)
{
}

void AdjudicationSession::openProject(storage::ProjectStore* project)
{
    m_project = project;
    refresh();
}

bool AdjudicationSession::isEditable() const
{
    return m_project != nullptr && !m_project->isReadOnly();
}

void AdjudicationSession::refresh()
{
    m_readings = {};
    m_studies.clear();
    m_queue.clear();
    if (m_project != nullptr && m_project->schemaVersion() >= 7) {
        try {
            m_readings = storage::readTeamReadings(*m_project);
            m_studies = storage::adjudicateStudies(m_readings);
        } catch (const std::exception& error) {
            emit failed(QString::fromStdString(error.what()));
        }
    }
    for (std::size_t study = 0; study < m_studies.size(); ++study) {
        const auto& labels = m_studies[study].labels;
        for (std::size_t item = 0; item < labels.size(); ++item) {
            if (labels[item].state == storage::ItemState::Disputed
                || labels[item].state == storage::ItemState::Adjudicated) {
                m_queue.push_back({ study, ItemKind::Label, item });
            }
        }
        const auto& lesions = m_studies[study].lesions;
        for (std::size_t item = 0; item < lesions.size(); ++item) {
            if (lesions[item].state == storage::ItemState::Disputed
                || lesions[item].state == storage::ItemState::Adjudicated) {
                m_queue.push_back({ study, ItemKind::Lesion, item });
            }
        }
    }
    emit changed();
}

std::size_t AdjudicationSession::disputedCount() const
{
    std::size_t count = 0;
    for (const QueueEntry& entry : m_queue) {
        count += stateOf(entry) == storage::ItemState::Disputed ? 1 : 0;
    }
    return count;
}

const storage::LabelItem* AdjudicationSession::labelOf(const QueueEntry& entry) const
{
    return entry.kind == ItemKind::Label ? &m_studies[entry.study].labels[entry.item] : nullptr;
}

const storage::LesionItem* AdjudicationSession::lesionOf(const QueueEntry& entry) const
{
    return entry.kind == ItemKind::Lesion ? &m_studies[entry.study].lesions[entry.item] : nullptr;
}

storage::ItemState AdjudicationSession::stateOf(const QueueEntry& entry) const
{
    return entry.kind == ItemKind::Label ? labelOf(entry)->state : lesionOf(entry)->state;
}

std::string AdjudicationSession::keyOf(const QueueEntry& entry) const
{
    return entry.kind == ItemKind::Label ? labelOf(entry)->label : lesionOf(entry)->readerMarks.front().id;
}

std::optional<std::size_t> AdjudicationSession::findEntry(
    std::int64_t studyId, ItemKind kind, const std::string& key) const
{
    for (std::size_t index = 0; index < m_queue.size(); ++index) {
        const QueueEntry& entry = m_queue[index];
        if (m_studies[entry.study].studyId != studyId || entry.kind != kind) {
            continue;
        }
        if (kind == ItemKind::Label ? labelOf(entry)->label == key : [&] {
                for (const auto& mark : lesionOf(entry)->readerMarks) {
                    if (mark.id == key) {
                        return true;
                    }
                }
                return false;
            }()) {
            return index;
        }
    }
    return std::nullopt;
}

void AdjudicationSession::rejectLesion(const QueueEntry& entry, const annotation::Author& reviewer, bool reopen)
{
    const storage::LesionItem* lesion = lesionOf(entry);
    if (lesion == nullptr || !isEditable()) {
        return;
    }
    try {
        storage::recordLesionRejection(*m_project, lesion->markIds(), reviewer, annotation::systemTimeMs(), reopen);
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(error.what()));
        return;
    }
    refresh();
}

} // namespace radmark::app
