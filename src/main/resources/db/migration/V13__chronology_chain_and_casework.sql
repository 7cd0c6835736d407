-- The chronology becomes tamper-evident and carries what each kind of entry needs; the DSL team's casework
-- (screening, actions) gets tables of its own. Existing entries are chained by the Java migration V14.

-- Each entry's place in its pupil's chain (1, 2, 3, ... in the order written), the hash of the entry before it and
-- its own: hash = SHA-256(previous hash || canonical form), the canonical form documented in EntryHash. The unique
-- position makes a forked chain impossible even if the writers' lock were bypassed.
alter table chronology_entry
    add column chain_position bigint,
    add column previous_hash  bytea,
    add column hash           bytea,
    -- The fields of the kind of entry (channel, agency, lawful basis...), as written: a JSON array of
    -- {"key", "label", "value"}, hashed exactly as stored.
    add column details        text check (length(details) <= 60000),
    -- The categories the entry is tied to: what a SAFEGUARDING_TEAM member's grants are matched against.
    add column category_ids   uuid[] not null default '{}',
    -- Marked DSL-only by the DSL (an entry in a restricted category is DSL-only whatever this says).
    add column restricted     boolean not null default false,
    -- An amendment names the entry it corrects; an outcome names the referral it follows.
    add column amends_id      uuid references chronology_entry (id),
    add column related_id     uuid references chronology_entry (id),
    add column action_id      uuid;

create index chronology_entry_amends_idx on chronology_entry (amends_id) where amends_id is not null;
create index chronology_entry_concern_idx on chronology_entry (concern_id) where concern_id is not null;
create index chronology_entry_categories_idx on chronology_entry using gin (category_ids);
create index chronology_entry_school_recorded_idx on chronology_entry (school_id, recorded_at);

-- The DSL's screening of a concern, and its closing and reopening: rows of their own, never an edit of what the
-- member of staff wrote. A concern's status is its latest step (none yet: new).
create table concern_screening (
    id                 uuid primary key,
    concern_id         uuid        not null references concern (id),
    step               text        not null check (step in ('SCREENED', 'CLOSED', 'REOPENED')),
    risk_level         text        check (risk_level in ('LOW', 'MEDIUM', 'HIGH')),
    decision           text        check (decision in ('NO_FURTHER_ACTION', 'MONITOR', 'EARLY_HELP',
                                                       'CHILDRENS_SOCIAL_CARE', 'POLICE', 'LADO', 'OTHER')),
    referral_made      boolean,
    rationale          text        not null check (length(rationale) between 1 and 20000),
    no_referral_reason text        check (length(no_referral_reason) <= 20000),
    outcome            text        check (length(outcome) <= 20000),
    recorded_by        uuid        not null references staff_account (id),
    recorded_at        timestamptz not null,
    check (step <> 'SCREENED' or (risk_level is not null and decision is not null and referral_made is not null))
);

create index concern_screening_concern_idx on concern_screening (concern_id, recorded_at desc);

-- For a concern naming several children: what screening decided about telling each child's parents or carers.
create table concern_parent_contact (
    screening_id uuid not null references concern_screening (id),
    pupil_id     uuid not null references pupil (id),
    decision     text not null check (decision in ('CONTACTED', 'TO_CONTACT', 'NOT_CONTACTING')),
    note         text not null check (length(note) between 1 and 5000),
    primary key (screening_id, pupil_id)
);

create trigger concern_screening_append_only before update or delete on concern_screening
    for each row execute function refuse_change();
create trigger concern_screening_no_truncate before truncate on concern_screening
    for each statement execute function refuse_change();
create trigger concern_parent_contact_append_only before update or delete on concern_parent_contact
    for each row execute function refuse_change();
create trigger concern_parent_contact_no_truncate before truncate on concern_parent_contact
    for each statement execute function refuse_change();

grant select, insert on concern_screening, concern_parent_contact to ${app_role};

-- Follow-up actions: an owner, a due date and a status. Their history lives on the chronology (added, reassigned,
-- completed, cancelled are entries); this row holds only where each stands now.
create table follow_up_action (
    id              uuid primary key,
    school_id       uuid        not null references school (id),
    pupil_id        uuid        not null references pupil (id),
    concern_id      uuid        references concern (id),
    description     text        not null check (length(description) between 1 and 2000),
    owner_id        uuid        not null references staff_account (id),
    due_on          date        not null,
    status          text        not null check (status in ('OPEN', 'DONE', 'CANCELLED')),
    created_by      uuid        not null references staff_account (id),
    created_at      timestamptz not null,
    closed_at       timestamptz,
    closed_by       uuid        references staff_account (id),
    closing_note    text        check (length(closing_note) <= 5000),
    check ((status = 'OPEN') = (closed_at is null))
);

create index follow_up_action_owner_idx on follow_up_action (owner_id, due_on) where status = 'OPEN';
create index follow_up_action_school_open_idx on follow_up_action (school_id, due_on) where status = 'OPEN';
create index follow_up_action_pupil_idx on follow_up_action (pupil_id);

grant select, insert on follow_up_action to ${app_role};
grant update (owner_id, status, closed_at, closed_by, closing_note) on follow_up_action to ${app_role};

alter table chronology_entry add constraint chronology_entry_action_fk
    foreign key (action_id) references follow_up_action (id);

-- Full-text search over what the DSL team reads: concerns as written and chronology entries (English stemming).
create index concern_text_idx on concern using gin (to_tsvector('english',
    coalesce(location, '') || ' ' || coalesce(child_words, '') || ' ' || observed || ' ' ||
    coalesce(others_present, '') || ' ' || coalesce(passed_to, '') || ' ' || coalesce(immediate_action, '')));
create index chronology_entry_text_idx on chronology_entry using gin (to_tsvector('english',
    summary || ' ' || coalesce(body, '') || ' ' || coalesce(details, '')));
