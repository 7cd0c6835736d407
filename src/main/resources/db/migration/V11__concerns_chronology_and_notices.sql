-- Concerns as staff record them, append-only in the database itself: what a member of staff wrote is never
-- updated or deleted. Workflow state (screening, closure) will live in rows of its own.

-- References run C-2026-00001, C-2026-00002, ... per school and year, with no gaps: the counter row is locked
-- while a concern is written, so concurrent submits queue for the next number and a rolled-back submit gives its
-- number back.
create table concern_reference_counter (
    school_id   uuid    not null references school (id),
    year        integer not null,
    last_number integer not null,
    primary key (school_id, year)
);

grant select, insert, update on concern_reference_counter to ${app_role};

create table concern (
    id                  uuid primary key,
    school_id           uuid        not null references school (id),
    reference           text        not null check (reference ~ '^C-[0-9]{4}-[0-9]{5,}$'),
    raised_by           uuid        not null references staff_account (id),
    recorded_at         timestamptz not null,
    occurred_at         timestamptz not null,
    location            text        check (length(location) <= 500),
    child_words         text        check (length(child_words) <= 20000),
    observed            text        not null check (length(observed) between 1 and 20000),
    others_present      text        check (length(others_present) <= 2000),
    passed_to           text        check (length(passed_to) <= 2000),
    immediate_action    text        check (length(immediate_action) <= 20000),
    immediate_risk      boolean     not null,
    -- The one-time token of the form that was submitted: a repeated submit finds this concern instead of making
    -- a second one.
    submission_token    uuid        not null unique,
    unique (school_id, reference)
);

create index concern_raised_by_idx on concern (raised_by, recorded_at);
create index concern_school_recorded_idx on concern (school_id, recorded_at);

create table concern_pupil (
    concern_id  uuid not null references concern (id),
    pupil_id    uuid not null references pupil (id),
    primary key (concern_id, pupil_id)
);

create index concern_pupil_pupil_idx on concern_pupil (pupil_id);

create table concern_category (
    concern_id  uuid not null references concern (id),
    category_id uuid not null references category (id),
    primary key (concern_id, category_id)
);

-- Body map marks: never a photograph, only where and what.
create table concern_body_mark (
    concern_id  uuid    not null references concern (id),
    number      integer not null check (number between 1 and 50),
    view        text    not null check (view in ('FRONT', 'BACK')),
    x           numeric(5, 2) check (x between 0 and 100),
    y           numeric(5, 2) check (y between 0 and 100),
    region      text    not null check (length(region) between 1 and 60),
    note        text    not null check (length(note) between 1 and 1000),
    primary key (concern_id, number)
);

-- Each child's chronology: one row per event in the child's life at school, in the order it happened.
create table chronology_entry (
    id          uuid primary key,
    school_id   uuid        not null references school (id),
    pupil_id    uuid        not null references pupil (id),
    kind        text        not null check (kind ~ '^[A-Z_]{3,40}$'),
    occurred_at timestamptz not null,
    recorded_at timestamptz not null,
    recorded_by uuid        not null references staff_account (id),
    summary     text        not null check (length(summary) between 1 and 500),
    body        text        check (length(body) <= 20000),
    concern_id  uuid        references concern (id)
);

create index chronology_entry_pupil_idx on chronology_entry (pupil_id, occurred_at, recorded_at);

create trigger concern_append_only before update or delete on concern
    for each row execute function refuse_change();
create trigger concern_no_truncate before truncate on concern
    for each statement execute function refuse_change();
create trigger concern_pupil_append_only before update or delete on concern_pupil
    for each row execute function refuse_change();
create trigger concern_pupil_no_truncate before truncate on concern_pupil
    for each statement execute function refuse_change();
create trigger concern_category_append_only before update or delete on concern_category
    for each row execute function refuse_change();
create trigger concern_category_no_truncate before truncate on concern_category
    for each statement execute function refuse_change();
create trigger concern_body_mark_append_only before update or delete on concern_body_mark
    for each row execute function refuse_change();
create trigger concern_body_mark_no_truncate before truncate on concern_body_mark
    for each statement execute function refuse_change();
create trigger chronology_entry_append_only before update or delete on chronology_entry
    for each row execute function refuse_change();
create trigger chronology_entry_no_truncate before truncate on chronology_entry
    for each statement execute function refuse_change();

grant select, insert on concern, concern_pupil, concern_category, concern_body_mark, chronology_entry to ${app_role};

-- In-app notices to the DSL team: read when the concern is opened.
create table alert_notice (
    id          uuid primary key,
    staff_id    uuid        not null references staff_account (id),
    concern_id  uuid        not null references concern (id),
    urgent      boolean     not null,
    created_at  timestamptz not null,
    read_at     timestamptz,
    unique (staff_id, concern_id)
);

create index alert_notice_unread_idx on alert_notice (staff_id) where read_at is null;

grant select, insert on alert_notice to ${app_role};
grant update (read_at) on alert_notice to ${app_role};
