-- The DSL team's reports read every concern of a period and of the period before it (a school year and the year before:
-- 120,000 concerns in the largest school measured) for the panels the tally (V35) cannot answer: children with the
-- most concerns, staff, year groups, flags, screening decisions and time to screening. Even from covering indexes
-- (V39), joining each concern to its children, its categories (need to know) and its screenings took most of those
-- panels' time (2 to 3 s for a school year with the year before). This table holds, one row per concern, what those
-- panels read of it, so that each reads one index range of one narrow table and joins nothing per concern:
--   when it happened and when it was logged (the two kinds of period), who logged it, the children it names and the
--   categories it is filed under (sorted, as the tally keys them: need to know is judged on the set), when it was
--   first screened, the decision of its latest screening (by when recorded, then by id, as concern_state orders
--   steps) and whether any screening made a referral.
-- The children's year groups, classes and flags are not copied: the reports count a child by their year group and
-- flags today, so they join the pupils (2,000 rows at most in a school) when they read.
--
-- Kept by the database itself, in the transaction that writes the concern, its children, its categories or a
-- screening (statement triggers with transition tables, so a bulk insert is handled once per statement). Each
-- trigger recomputes the whole row of every concern it touched from those tables, so the row is exact whatever the
-- order of the writes: a second screening moves the latest decision to its own (or leaves it, if recorded earlier
-- than the latest) and keeps the first screening's time. Those four tables are append-only (V11, V13: triggers
-- refuse UPDATE, DELETE and TRUNCATE), so inserts are all there is to follow. The functions run as the owner of the
-- table (security definer): the application's role may only read it, through the view below.
create table concern_fact (
    concern_id        uuid primary key references concern (id),
    school_id         uuid        not null references school (id),
    occurred_at       timestamptz not null,
    recorded_at       timestamptz not null,
    raised_by         uuid        not null,
    pupil_ids         uuid[]      not null,
    category_ids      uuid[]      not null,
    first_screened_at timestamptz,
    decision          text,
    referred          boolean     not null
);

-- By when they happened (children, staff, year groups, flags, screening) and by when they were logged (time to
-- screening), each holding what its panels read, so that PostgreSQL answers from the index alone.
create index concern_fact_occurred_idx on concern_fact (school_id, occurred_at)
    include (concern_id, raised_by, pupil_ids, category_ids, decision, referred);
create index concern_fact_recorded_idx on concern_fact (school_id, recorded_at)
    include (first_screened_at, pupil_ids, category_ids);

-- Each concern's row as its tables say now.
create view concern_fact_source as
    select c.id as concern_id, c.school_id, c.occurred_at, c.recorded_at, c.raised_by,
        array(select p.pupil_id from concern_pupil p where p.concern_id = c.id order by 1) as pupil_ids,
        array(select k.category_id from concern_category k where k.concern_id = c.id order by 1) as category_ids,
        s.first_screened_at, s.decision, s.referred
    from concern c
    cross join lateral (
        select min(s.recorded_at) as first_screened_at,
            (array_agg(s.decision order by s.recorded_at desc, s.id desc))[1] as decision,
            coalesce(bool_or(s.referral_made), false) as referred
        from concern_screening s where s.concern_id = c.id and s.step = 'SCREENED') s;

create function concern_fact_refresh(ids uuid[]) returns void
    language sql security definer set search_path from current
    as $$
    insert into concern_fact (concern_id, school_id, occurred_at, recorded_at, raised_by, pupil_ids, category_ids,
        first_screened_at, decision, referred)
    select concern_id, school_id, occurred_at, recorded_at, raised_by, pupil_ids, category_ids, first_screened_at,
        decision, referred
    from concern_fact_source where concern_id = any(ids)
    on conflict (concern_id) do update set pupil_ids = excluded.pupil_ids, category_ids = excluded.category_ids,
        first_screened_at = excluded.first_screened_at, decision = excluded.decision, referred = excluded.referred
    $$;

create function concern_fact_concerns_inserted() returns trigger
    language plpgsql security definer set search_path from current
    as $$
begin
    perform concern_fact_refresh(array(select i.id from inserted i));
    return null;
end
$$;

create function concern_fact_others_inserted() returns trigger
    language plpgsql security definer set search_path from current
    as $$
begin
    perform concern_fact_refresh(array(select distinct i.concern_id from inserted i));
    return null;
end
$$;

create trigger concern_fact_after_concern after insert on concern
    referencing new table as inserted for each statement execute function concern_fact_concerns_inserted();
create trigger concern_fact_after_child after insert on concern_pupil
    referencing new table as inserted for each statement execute function concern_fact_others_inserted();
create trigger concern_fact_after_category after insert on concern_category
    referencing new table as inserted for each statement execute function concern_fact_others_inserted();
create trigger concern_fact_after_screening after insert on concern_screening
    referencing new table as inserted for each statement execute function concern_fact_others_inserted();

-- What is there already.
insert into concern_fact (concern_id, school_id, occurred_at, recorded_at, raised_by, pupil_ids, category_ids,
    first_screened_at, decision, referred)
select concern_id, school_id, occurred_at, recorded_at, raised_by, pupil_ids, category_ids, first_screened_at,
    decision, referred
from concern_fact_source;

-- Published to the reports: nothing of what any concern says.
create view concern_report_fact as
    select concern_id, school_id, occurred_at, recorded_at, raised_by, pupil_ids, category_ids, first_screened_at,
        decision, referred
    from concern_fact;

grant select on concern_report_fact to ${app_role};

-- Need to know asks whether a set of categories holds a restricted one for every row a report reads: the restricted
-- categories once, as an array, rather than a look-up per row (restricted_among, V25, says the same of one set).
create function restricted_categories() returns uuid[]
    language sql stable parallel safe
    as $$ select array(select k.id from category k where k.restricted) $$;
