-- The school's term dates, set by the DSL or the office for each school year (a year with none set runs on England's
-- usual terms, worked out in org.haven.school.TermDates). Reports count by term; transfers count school days.
create table school_term (
    school_id           uuid    not null references school (id),
    -- The calendar year the school year starts in: 2026 for 2026/27.
    school_year         integer not null check (school_year between 2000 and 2100),
    term                text    not null check (term in ('AUTUMN', 'SPRING', 'SUMMER')),
    starts_on           date    not null,
    ends_on             date    not null,
    half_term_starts_on date,
    half_term_ends_on   date,
    primary key (school_id, school_year, term),
    check (ends_on >= starts_on),
    check ((half_term_starts_on is null) = (half_term_ends_on is null)),
    check (half_term_starts_on is null or (half_term_starts_on > starts_on and half_term_ends_on < ends_on
        and half_term_ends_on >= half_term_starts_on))
);

-- Dates are corrected by setting them again (each setting is in the audit trail).
grant select, insert, update on school_term to ${app_role};
