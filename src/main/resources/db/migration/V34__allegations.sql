-- Concerns about adults (KCSIE Part 4): the headteacher and the chair of governors, each held by one person, are the
-- case managers. The roles join the others.
alter table staff_role drop constraint staff_role_role_check;
alter table staff_role add constraint staff_role_role_check check (role in ('STAFF', 'SAFEGUARDING_TEAM', 'DEPUTY_DSL',
    'DSL', 'GOVERNOR', 'ADMIN', 'HEADTEACHER', 'CHAIR_OF_GOVERNORS'));

-- Who manages a concern about an adult, said once (accounts publishes it; org.haven.accounts.NeedToKnow reads it):
-- the headteacher; the chair of governors when the adult is the headteacher (when it was raised, or now), or when
-- the school has no headteacher on Haven; never the adult it is about (null: nobody yet, until the school names one).
create function case_manager(school uuid, subject uuid, about_headteacher boolean) returns uuid
    language sql stable parallel safe
    as $$
    with head as (select s.id from staff_account s join staff_role r on r.staff_id = s.id
                  where s.school_id = school and s.active and r.role = 'HEADTEACHER' order by r.granted_at limit 1),
         chair as (select s.id from staff_account s join staff_role r on r.staff_id = s.id
                   join staff_role g on g.staff_id = s.id and g.role = 'GOVERNOR'
                   where s.school_id = school and s.active and r.role = 'CHAIR_OF_GOVERNORS'
                   order by r.granted_at limit 1)
    select nullif(case when not about_headteacher and (select id from head) is not null
                            and (select id from head) is distinct from subject
                       then (select id from head) else (select id from chair) end, subject)
    $$;

-- The report as the member of staff (or governor) made it: never changed. Its workflow lives in its timeline.
create table allegation (
    id                  uuid primary key,
    school_id           uuid        not null references school (id),
    -- A-2026-0001: counted per school and year, so unique within the school.
    reference           text        not null,
    submission_token    uuid        not null unique,
    raised_by           uuid        not null references staff_account (id),
    recorded_at         timestamptz not null,
    -- Who it is about: a member of staff on Haven, or someone who is not (supply, volunteer, contractor, visitor).
    subject_staff_id    uuid references staff_account (id),
    subject_name        text check (length(subject_name) <= 200),
    subject_kind        text        not null check (subject_kind in ('STAFF', 'SUPPLY', 'VOLUNTEER', 'CONTRACTOR',
                                                                     'VISITOR', 'OTHER')),
    subject_organisation text check (length(subject_organisation) <= 200),
    about_headteacher   boolean     not null,
    classification      text        not null check (classification in ('ALLEGATION', 'LOW_LEVEL')),
    occurred_on         date        not null,
    account             text        not null check (length(account) between 1 and 20000),
    source              text        not null check (source in ('SAW', 'TOLD', 'BOTH')),
    told_by             text check (length(told_by) <= 2000),
    children_described  text check (length(children_described) <= 2000),
    child_at_risk       text        not null check (child_at_risk in ('YES', 'NO', 'UNSURE')),
    unique (school_id, reference),
    check (subject_staff_id is not null or subject_name is not null)
);
create index allegation_school_idx on allegation (school_id, recorded_at desc);
create index allegation_subject_idx on allegation (subject_staff_id);

create table allegation_reference_counter (
    school_id   uuid    not null references school (id),
    year        integer not null,
    last_number integer not null,
    primary key (school_id, year)
);

create table allegation_child (
    allegation_id uuid not null references allegation (id),
    pupil_id      uuid not null references pupil (id),
    primary key (allegation_id, pupil_id)
);
create index allegation_child_pupil_idx on allegation_child (pupil_id);

-- The case's timeline, append-only and hash-chained per case as a child's chronology is:
-- hash = SHA-256(previous hash || canonical form), canonical form in org.haven.allegations.CaseHash. Positions are
-- unique per case, so the chain cannot fork; writers hold an advisory lock on the case.
create table allegation_entry (
    id              uuid primary key,
    allegation_id   uuid        not null references allegation (id),
    position        integer     not null check (position >= 1),
    kind            text        not null,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null,
    recorded_by     uuid        not null references staff_account (id),
    summary         text        not null check (length(summary) between 1 and 500),
    details         jsonb       not null default '{}',
    amends          uuid references allegation_entry (id),
    previous_hash   bytea,
    hash            bytea       not null,
    unique (allegation_id, position)
);

-- Every opening of a case, by whom and when: the case's own access record. It is not in the school's audit log,
-- which the DSL reads, because the DSL may be the adult a case is about.
create table allegation_viewing (
    allegation_id uuid        not null references allegation (id),
    staff_id      uuid        not null references staff_account (id),
    viewed_at     timestamptz not null
);
create index allegation_viewing_idx on allegation_viewing (allegation_id, viewed_at desc);

create trigger allegation_append_only before update or delete on allegation
    for each row execute function refuse_change();
create trigger allegation_no_truncate before truncate on allegation
    for each statement execute function refuse_change();
create trigger allegation_child_append_only before update or delete on allegation_child
    for each row execute function refuse_change();
create trigger allegation_child_no_truncate before truncate on allegation_child
    for each statement execute function refuse_change();
create trigger allegation_entry_append_only before update or delete on allegation_entry
    for each row execute function refuse_change();
create trigger allegation_entry_no_truncate before truncate on allegation_entry
    for each statement execute function refuse_change();
create trigger allegation_viewing_append_only before update or delete on allegation_viewing
    for each row execute function refuse_change();
create trigger allegation_viewing_no_truncate before truncate on allegation_viewing
    for each statement execute function refuse_change();

grant select, insert on allegation, allegation_child, allegation_entry, allegation_viewing to ${app_role};
grant select, insert, update on allegation_reference_counter to ${app_role};
