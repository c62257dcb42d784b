#include "project/ProjectSchema.h"

#include "project/migrations/BrowserSearchPatientMigration.h"
#include "project/migrations/CompactInstancesMigration.h"
#include "project/migrations/InitialSchemaMigration.h"
#include "project/migrations/InstanceUidStemsMigration.h"
#include "project/migrations/LabelAuditMigration.h"
#include "project/migrations/LabelReviewMigration.h"
#include "project/migrations/LargeProjectMigration.h"
#include "project/migrations/LesionMarksMigration.h"
#include "project/migrations/ReportsAndLabelsMigration.h"
#include "project/migrations/SaliencyFileValuesMigration.h"
#include "project/migrations/SaliencyMapsMigration.h"
#include "project/migrations/TeamMigration.h"

namespace radmark::storage {

// Every schema version, in order; each in its own file under project/migrations/.
const std::vector<SchemaMigration>& projectMigrations()
{
    static const std::vector<SchemaMigration> migrations { initialSchemaMigration(), lesionMarksMigration(),
        reportsAndLabelsMigration(), saliencyMapsMigration(), labelReviewMigration(), labelAuditMigration(),
        teamMigration(), largeProjectMigration(), saliencyFileValuesMigration(), compactInstancesMigration(),
        browserSearchPatientMigration(), instanceUidStemsMigration() };
    return migrations;
}

} // namespace radmark::storage
