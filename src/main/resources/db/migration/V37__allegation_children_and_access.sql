-- Which child's chronology shows that a concern about an adult was raised (the entry the chronology module wrote),
-- so that an entry held back while the adult is in the DSL team is written once, when the case closes.
create table allegation_child_entry (
    allegation_id uuid not null references allegation (id),
    pupil_id      uuid not null references pupil (id),
    entry_id      uuid not null unique references chronology_entry (id),
    primary key (allegation_id, pupil_id)
);

create trigger allegation_child_entry_append_only before update or delete on allegation_child_entry
    for each row execute function refuse_change();
create trigger allegation_child_entry_no_truncate before truncate on allegation_child_entry
    for each statement execute function refuse_change();

grant select, insert on allegation_child_entry to ${app_role};

-- Those the case manager adds to a case on a need-to-know basis (a named member of staff, never the adult it is
-- about), and their removal: rows only ever added, the latest for a person saying whether they have access now.
create table allegation_access (
    -- In the order written: the latest change for a person wins, even within one instant.
    sequence      bigint generated always as identity primary key,
    allegation_id uuid        not null references allegation (id),
    staff_id      uuid        not null references staff_account (id),
    given         boolean     not null,
    changed_by    uuid        not null references staff_account (id),
    changed_at    timestamptz not null
);
create index allegation_access_idx on allegation_access (allegation_id, staff_id, sequence desc);
create index allegation_access_staff_idx on allegation_access (staff_id);

create trigger allegation_access_append_only before update or delete on allegation_access
    for each row execute function refuse_change();
create trigger allegation_access_no_truncate before truncate on allegation_access
    for each statement execute function refuse_change();

grant select, insert on allegation_access to ${app_role};

-- Whether a member of staff has been added to a case and not removed since (org.haven.accounts.NeedToKnow reads it
-- beside case_manager).
create function case_member(allegation uuid, staff uuid) returns boolean
    language sql stable parallel safe
    as $$
    select coalesce((select a.given from allegation_access a where a.allegation_id = $1 and a.staff_id = $2
                     order by a.sequence desc limit 1), false)
    $$;
