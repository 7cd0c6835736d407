-- Each time the DSL team hands a child's chronology outside the school: to whom, why, on what lawful basis, for
-- which period and whether the child was told (the policy: agencies take information "only with the permission of
-- the Headteacher/DSL and documents issued recorded"). Written with its "information shared" entry and its audit
-- event before anything is produced; the PDF is made only against one of these, by the person who recorded it.
create table chronology_disclosure (
    id               uuid primary key,
    school_id        uuid        not null references school (id),
    pupil_id         uuid        not null references pupil (id),
    entry_id         uuid        not null unique references chronology_entry (id),
    recorded_by      uuid        not null references staff_account (id),
    recorded_at      timestamptz not null,
    recipient        text        not null check (recipient ~ '^[A-Z_]{3,40}$'),
    recipient_name   text        check (length(recipient_name) between 1 and 200),
    purpose          text        not null check (length(purpose) between 1 and 2000),
    lawful_basis     text        not null check (lawful_basis ~ '^[A-Z_]{3,40}$'),
    period_from      date,
    period_to        date,
    child_told       boolean     not null,
    child_told_note  text        check (length(child_told_note) between 1 and 2000),
    -- The form's one-time token: a second submit of the same form lands on the disclosure it recorded.
    submission_token uuid        not null unique,
    check (period_from is null or period_to is null or period_from <= period_to)
);

create index chronology_disclosure_pupil_idx on chronology_disclosure (pupil_id, recorded_at);

create trigger chronology_disclosure_append_only before update or delete on chronology_disclosure
    for each row execute function refuse_change();
create trigger chronology_disclosure_no_truncate before truncate on chronology_disclosure
    for each statement execute function refuse_change();

grant select, insert on chronology_disclosure to ${app_role};
