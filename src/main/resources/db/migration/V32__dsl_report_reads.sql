-- What the DSL team's reports read of other modules' data, each published by the module that owns it as a plain
-- projection (PostgreSQL inlines it; the owner's indexes serve it). No free text of a concern or an entry.

-- concerns: when each concern was logged and by whom; each screening step with its decision.
create view concern_logged as
    select id, school_id, raised_by, recorded_at, occurred_at from concern;

create view concern_decision as
    select concern_id, step, decision, referral_made, recorded_at from concern_screening;

-- pupils: where a child is in the school, and their flags.
create view pupil_placement as
    select id, school_id, year_group, class_name, status from pupil;

create view pupil_marker as
    select pupil_id, flag from pupil_flag;

-- accounts: who the school's staff are, their roles and Haven induction training.
create view staff_standing as
    select id, school_id, name, active, inducted_on from staff_account;

create view staff_role_held as
    select staff_id, role from staff_role;

-- actions: where each follow-up action stands.
create view action_standing as
    select id, school_id, pupil_id, concern_id, owner_id, due_on, status, closed_at from follow_up_action;

-- chronology: referrals (the agency, as chosen from the form's list) and whether an outcome is known, with what
-- need to know asks of an entry (restricted, category_ids).
create view referral_made as
    select e.id, e.school_id, e.pupil_id, e.occurred_at, e.restricted, e.category_ids,
        (select d ->> 'value' from jsonb_array_elements(e.details::jsonb) d where d ->> 'key' = 'agency' limit 1)
            as agency,
        (exists (select 1 from chronology_entry o where o.related_id = e.id and o.kind = 'REFERRAL_OUTCOME')
            or exists (select 1 from jsonb_array_elements(e.details::jsonb) d
                       where d ->> 'key' = 'outcome' and coalesce(d ->> 'value', '') <> '')) as outcome_known
    from chronology_entry e
    where e.kind = 'REFERRAL';

grant select on concern_logged, concern_decision, pupil_placement, pupil_marker, staff_standing, staff_role_held,
    action_standing, referral_made to ${app_role};

-- The reports count concerns by when they happened and screenings by concern; referrals by school and time.
create index chronology_entry_referral_idx on chronology_entry (school_id, occurred_at) where kind = 'REFERRAL';
-- Actions completed in a period (the open ones have their own index).
create index follow_up_action_school_closed_idx on follow_up_action (school_id, closed_at) where closed_at is not null;
