-- KCSIE Part 4 keeps an allegation until the adult's normal retirement age or for 10 years from it, whichever is
-- longer. The school's normal retirement age, as its case manager sets it: rows only ever added, the latest for a
-- school in force (none: 67, the State Pension age now). The adult's date of birth, where the case manager knows it,
-- is an entry on the case's timeline (ADULT_BORN), so it too is recorded once and never changed.
create table allegation_retirement_age (
    sequence   bigint generated always as identity primary key,
    school_id  uuid        not null references school (id),
    age        integer     not null check (age between 55 and 75),
    changed_by uuid        not null references staff_account (id),
    changed_at timestamptz not null
);
create index allegation_retirement_age_idx on allegation_retirement_age (school_id, sequence desc);

create trigger allegation_retirement_age_append_only before update or delete on allegation_retirement_age
    for each row execute function refuse_change();
create trigger allegation_retirement_age_no_truncate before truncate on allegation_retirement_age
    for each statement execute function refuse_change();

grant select, insert on allegation_retirement_age to ${app_role};
