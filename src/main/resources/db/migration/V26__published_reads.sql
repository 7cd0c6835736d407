-- What each module publishes for the others to read. A module's SQL names its own tables and, of another module's
-- data, only these views (TableOwnershipTests keeps it so), so that a module may change its tables behind the
-- view it publishes. Each view is a plain projection: PostgreSQL inlines it, and the indexes of the table behind it
-- serve it as before.

-- pupils: a pupil's name as Haven shows it everywhere (the preferred names where given, else the legal ones),
-- said once, as a generated column.
alter table pupil add column display_name text generated always as (
    coalesce(preferred_forename, legal_forename) || ' ' || coalesce(preferred_surname, legal_surname)) stored;

create view pupil_name as
    select id, school_id, upn, display_name, legal_surname from pupil;

-- accounts: who a member of staff is, by name (a deactivated account keeps its name on everything it wrote).
create view staff_name as
    select id, school_id, name, email from staff_account;

-- school: the safeguarding categories' names, in the DSL's order. (Which are restricted is for need to know
-- alone: V25's restricted_among.)
create view category_name as
    select id, name, sort_order from category;

-- concerns: a concern's reference and who raised it; the children and categories it names; and its text as the
-- DSL team's search reads it (the stored vector of V15 and the words the snippet is cut from).
create view concern_reference as
    select id, school_id, reference, raised_by, occurred_at from concern;

create view concern_child as
    select concern_id, pupil_id from concern_pupil;

create view concern_tag as
    select concern_id, category_id from concern_category;

-- A concern's steps (screened, closed, reopened) as its history records them, and where it stands now: what the
-- chronology's check compares with the entries it holds.
create view concern_step as
    select id, concern_id, step, recorded_at from concern_screening;

create view concern_standing as
    select concern_id, step from concern_state;

create view concern_text as
    select id, school_id, reference, occurred_at, search_vector,
        coalesce(child_words, '') || ' — ' || observed as text
    from concern;

grant select on pupil_name, staff_name, category_name, concern_reference, concern_child,
    concern_tag, concern_step, concern_standing, concern_text to ${app_role};
