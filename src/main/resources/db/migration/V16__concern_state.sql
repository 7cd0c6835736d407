-- Where each concern stands now (its latest screening step), so that "awaiting screening" is one join rather than a
-- look at every concern's history. The history stays in concern_screening, append-only; this row only follows it,
-- written in the same transaction as each step. A concern with no row is new.
create table concern_state (
    concern_id  uuid primary key references concern (id),
    step        text        not null check (step in ('SCREENED', 'CLOSED', 'REOPENED')),
    changed_at  timestamptz not null
);

create index concern_state_step_idx on concern_state (step);

insert into concern_state (concern_id, step, changed_at)
select distinct on (concern_id) concern_id, step, recorded_at from concern_screening
order by concern_id, recorded_at desc, id desc;

grant select, insert on concern_state to ${app_role};
grant update (step, changed_at) on concern_state to ${app_role};

-- The DSL's dashboard: screenings of the last week, and concerns by when they happened this term.
create index concern_screening_recent_idx on concern_screening (recorded_at) where step = 'SCREENED';
create index concern_school_occurred_idx on concern (school_id, occurred_at);
