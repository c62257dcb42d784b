// The user's correction of a series' modality (e.g. a NIfTI CT that came in as OT).
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include "project/SqliteStatement.h"

#include <sqlite3.h>

#include <cctype>

namespace radmark::storage {

void ProjectStore::setSeriesModality(const std::string& seriesUid, const std::string& modality)
{
    requireWritable("set the modality of a series");
    if (modality.empty() || modality.size() > 16) {
        throw ProjectError("\"" + modality + "\" is not a modality (e.g. CT, MR, PT, OT)");
    }
    for (const char character : modality) {
        if (!std::isupper(static_cast<unsigned char>(character)) && !std::isdigit(static_cast<unsigned char>(character))
            && character != '_') {
            throw ProjectError(
                "\"" + modality + "\" is not a modality: DICOM modalities are upper-case codes (CT, MR, PT, OT)");
        }
    }
    SqliteTransaction transaction(m_database, m_path);
    SqliteStatement& series = statement("UPDATE series SET modality = ?1 WHERE series_uid = ?2");
    series.bind(1, modality);
    series.bind(2, seriesUid);
    series.run();
    if (sqlite3_changes(m_database) == 0) {
        throw ProjectError(m_path + ": no series " + seriesUid);
    }
    SqliteStatement& instances = statement("UPDATE instance_series_values SET modality = ?1 WHERE series_ref = "
                                           "(SELECT id FROM series WHERE series_uid = ?2)");
    instances.bind(1, modality);
    instances.bind(2, seriesUid);
    instances.run();
    transaction.commit();
}

} // namespace radmark::storage
