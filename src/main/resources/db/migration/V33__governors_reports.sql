-- The governors' report (issue 16): each published version is kept as it was published, its figures stored as the
-- rendered, already suppressed data (never a raw count below the school's threshold, never a name or an id of a
-- child or a member of staff), append-only in the database itself as chronology_entry is. Republishing a period
-- adds version 2; both stay.
create table governors_report (
    id              uuid primary key,
    school_id       uuid        not null references school (id),
    period_from     date        not null,
    period_to       date        not null check (period_to >= period_from),
    period_label    text        not null check (length(period_label) between 1 and 100),
    version         integer     not null check (version >= 1),
    narrative       text        not null check (length(narrative) <= 10000),
    figures         text        not null check (length(figures) <= 200000),
    published_by    uuid        not null references staff_account (id),
    published_at    timestamptz not null,
    unique (school_id, period_from, period_to, version)
);

create index governors_report_school_idx on governors_report (school_id, published_at desc);

create trigger governors_report_append_only before update or delete on governors_report
    for each row execute function refuse_change();
create trigger governors_report_no_truncate before truncate on governors_report
    for each statement execute function refuse_change();

grant select, insert on governors_report to ${app_role};

-- What the governors' figures read of other modules' data, beside what V32 publishes for the DSL team's reports
-- (concern_logged, concern_decision, pupil_placement, pupil_marker, staff_standing, staff_role_held,
-- action_standing, referral_made), each published by the module that owns it.

-- school: each category's group, which the governors' report counts by.
create view category_group as
    select id, group_name, sort_order from category;

-- pupils: what identifies a pupil, for the check that the DSL's narrative names none.
create view pupil_identity as
    select id, school_id, upn, legal_forename, legal_surname, preferred_forename, preferred_surname, date_of_birth
    from pupil;

grant select on category_group, pupil_identity to ${app_role};
