#pragma once
#include <cstdint>
#include <set>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/signup/model.h"

namespace tp::storage {
class Tx;
}

/// Who may see and edit an employer, and the log of its changes (used by SignupService).
///
/// The employer register is shared: operator staff of every operator see every employer (to
/// sign it up), a coordinator sees the own employers. Editing is for system admins, the
/// employer's own coordinators, and admin/staff of an operator that created the employer or
/// whose cohort it takes part in. The invoice contact is shown only to those who may edit.
namespace tp::services::employers {

/// Operator staff of any operator, system admins, and the employer's coordinators.
bool MaySee(const domain::Actor& actor, std::int64_t employer_id);
/// See the namespace comment.
bool MayEdit(storage::Tx& tx, const domain::Actor& actor, std::int64_t employer_id);
/// Of `employer_ids`, those the actor may edit (one query for a whole list).
std::set<std::int64_t> EditableAmong(storage::Tx& tx, const domain::Actor& actor,
                                     const std::vector<std::int64_t>& employer_ids);
/// NotFound when the employer does not exist or is not visible; Forbidden when the actor may
/// only see it. Returns the employer.
domain::Employer RequireEditable(storage::Tx& tx, const domain::Actor& actor,
                                 std::int64_t employer_id);
/// Clears what only those who may edit the employer see.
void WithoutInvoiceContact(domain::Employer& e);
/// The operator recorded as the creator of an employer the actor creates: the first operator
/// the actor is admin of, else staff of; 0 for none (a system admin without operator grants).
std::int64_t CreatingOperator(const domain::Actor& actor);
/// Logs each field that differs between `before` (nullptr: a new employer) and `after`.
void LogChanges(storage::Tx& tx, const domain::Actor& actor, const domain::Employer* before,
                const domain::Employer& after, std::int64_t now);

}  // namespace tp::services::employers
