-- V41's triggers worked out each touched concern's whole facts row again from all its tables, through a SQL
-- function that PostgreSQL plans afresh on every call, and a concern's submit fired them three or more times (the
-- concern, then each child and each category in its own statement), each rewriting the row and its two covering
-- indexes. That all happens while the submit holds its school's reference counter, so every other submit in the
-- school waited for it too: under the mixed load (issue 19) the submit's median went from 19 to 29 ms and the
-- load's p99 from 171 to 290 ms, over its 250 ms budget.
--
-- Now each trigger writes only what its table says, in PL/pgSQL (plans kept for the session):
--   a new concern's row is made once from the source view (so children, categories or screenings written in the
--   same statement, as a data-modifying WITH could, are in it whatever order the triggers fire in);
--   new children and new categories are merged into the row's sorted arrays (distinct, so a merge of what the row
--   already holds changes nothing);
--   a new screening works out the screening fields again from that concern's screenings only.
-- The row stays exactly what concern_fact_source says (ConcernFactTests compares every school's rows with it).
create or replace function concern_fact_concerns_inserted() returns trigger
    language plpgsql security definer set search_path from current
    as $$
begin
    insert into concern_fact (concern_id, school_id, occurred_at, recorded_at, raised_by, pupil_ids, category_ids,
        first_screened_at, decision, referred)
    select s.concern_id, s.school_id, s.occurred_at, s.recorded_at, s.raised_by, s.pupil_ids, s.category_ids,
        s.first_screened_at, s.decision, s.referred
    from concern_fact_source s where s.concern_id = any(array(select i.id from inserted i));
    return null;
end
$$;

create function concern_fact_children_inserted() returns trigger
    language plpgsql security definer set search_path from current
    as $$
begin
    update concern_fact f set pupil_ids = array(select distinct u from unnest(f.pupil_ids || a.ids) u order by 1)
    from (select i.concern_id, array_agg(i.pupil_id) as ids from inserted i group by i.concern_id) a
    where f.concern_id = a.concern_id;
    return null;
end
$$;

create function concern_fact_categories_inserted() returns trigger
    language plpgsql security definer set search_path from current
    as $$
begin
    update concern_fact f
    set category_ids = array(select distinct u from unnest(f.category_ids || a.ids) u order by 1)
    from (select i.concern_id, array_agg(i.category_id) as ids from inserted i group by i.concern_id) a
    where f.concern_id = a.concern_id;
    return null;
end
$$;

create function concern_fact_screenings_inserted() returns trigger
    language plpgsql security definer set search_path from current
    as $$
begin
    update concern_fact f set first_screened_at = s.first_screened_at, decision = s.decision, referred = s.referred
    from (
        select s.concern_id, min(s.recorded_at) as first_screened_at,
            (array_agg(s.decision order by s.recorded_at desc, s.id desc))[1] as decision,
            coalesce(bool_or(s.referral_made), false) as referred
        from concern_screening s
        where s.concern_id = any(array(select distinct i.concern_id from inserted i where i.step = 'SCREENED'))
            and s.step = 'SCREENED'
        group by s.concern_id) s
    where f.concern_id = s.concern_id;
    return null;
end
$$;

drop trigger concern_fact_after_child on concern_pupil;
drop trigger concern_fact_after_category on concern_category;
drop trigger concern_fact_after_screening on concern_screening;

create trigger concern_fact_after_child after insert on concern_pupil
    referencing new table as inserted for each statement execute function concern_fact_children_inserted();
create trigger concern_fact_after_category after insert on concern_category
    referencing new table as inserted for each statement execute function concern_fact_categories_inserted();
create trigger concern_fact_after_screening after insert on concern_screening
    referencing new table as inserted for each statement execute function concern_fact_screenings_inserted();

drop function concern_fact_others_inserted();
drop function concern_fact_refresh(uuid[]);
