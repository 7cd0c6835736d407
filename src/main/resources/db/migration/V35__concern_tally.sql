-- The DSL team's reports and the governors' report count concerns by the day they happened and the categories they are
-- filed under. Counting each concern of a school year (60,000 in the largest school measured) took 1.8 s; this table
-- holds the same counts already made: one row per school, day (UK time) and set of categories (sorted; empty for a
-- concern filed under none), so that a year is a few thousand rows whatever the number of concerns.
--
-- Kept by the database itself, in the transaction that writes the concern or its categories (statement triggers with
-- transition tables, so a bulk insert is counted once per statement, and a concern filed under two categories in
-- one statement moves once from no category to both). Concerns and their categories are append-only (V11), so
-- inserts are all there is to follow. Keyed by the whole set rather than one category, so that need to know stays
-- exact: a member of the safeguarding team counts a concern when any of its categories is granted to them, a deputy
-- never counts one with a restricted category, and a concern under two categories counts once in a total, all
-- judged on the set as NeedToKnow judges a concern (restriction read from the categories as they are today).
create table concern_tally (
    school_id    uuid    not null references school (id),
    day          date    not null,
    category_ids uuid[]  not null,
    concerns     integer not null,
    primary key (school_id, day, category_ids)
);

create function concern_tally_concerns_inserted() returns trigger
    language plpgsql
    as $$
begin
    insert into concern_tally (school_id, day, category_ids, concerns)
    select c.school_id, (c.occurred_at at time zone 'Europe/London')::date,
        array(select cc.category_id from concern_category cc where cc.concern_id = c.id order by 1), count(*)
    from inserted c group by 1, 2, 3
    on conflict (school_id, day, category_ids) do update set concerns = concern_tally.concerns + excluded.concerns;
    return null;
end
$$;

create function concern_tally_categories_inserted() returns trigger
    language plpgsql
    as $$
begin
    with added as (
        select i.concern_id, array_agg(i.category_id) as ids from inserted i group by i.concern_id
    ), sets as (
        select c.school_id, (c.occurred_at at time zone 'Europe/London')::date as day,
            array(select cc.category_id from concern_category cc where cc.concern_id = c.id order by 1) as now_ids,
            array(select cc.category_id from concern_category cc where cc.concern_id = c.id
                  and cc.category_id <> all(a.ids) order by 1) as before_ids
        from added a join concern c on c.id = a.concern_id
    ), changes as (
        select school_id, day, before_ids as ids, -1 as delta from sets
        union all
        select school_id, day, now_ids, 1 from sets
    )
    insert into concern_tally (school_id, day, category_ids, concerns)
    select school_id, day, ids, sum(delta) from changes group by 1, 2, 3
    on conflict (school_id, day, category_ids) do update set concerns = concern_tally.concerns + excluded.concerns;
    return null;
end
$$;

create trigger concern_tally_after_concern after insert on concern
    referencing new table as inserted for each statement execute function concern_tally_concerns_inserted();

create trigger concern_tally_after_category after insert on concern_category
    referencing new table as inserted for each statement execute function concern_tally_categories_inserted();

-- What is there already.
insert into concern_tally (school_id, day, category_ids, concerns)
select c.school_id, (c.occurred_at at time zone 'Europe/London')::date,
    array(select cc.category_id from concern_category cc where cc.concern_id = c.id order by 1), count(*)
from concern c group by 1, 2, 3;

grant select, insert, update on concern_tally to ${app_role};

-- Published to the reports: the counts, nothing of any concern.
create view concern_count_by_day as
    select school_id, day, category_ids, concerns from concern_tally;

grant select on concern_count_by_day to ${app_role};
