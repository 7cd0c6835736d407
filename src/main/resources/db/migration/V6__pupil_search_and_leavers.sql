-- Pupil search: accent- and case-insensitive, partial, on legal and preferred names. A trigram index serves
-- "contains" searches of three characters or more on 2,000 pupils and far beyond.
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only stable (its dictionary could change); pinning the dictionary makes it safe to index.
create function haven_fold(value text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

alter table pupil add column search_name text generated always as (
    haven_fold(legal_forename || ' ' || legal_surname || ' ' || coalesce(preferred_forename, '') || ' '
        || coalesce(preferred_surname, ''))) stored;

create index pupil_search_name_trgm_idx on pupil using gin (search_name gin_trgm_ops);
create index pupil_school_class_idx on pupil (school_id, class_name);
create index pupil_school_year_idx on pupil (school_id, year_group);

-- Where a leaver went: the school's name and URN, either optional (not every destination is known).
alter table pupil add column destination_school_name text check (length(destination_school_name) <= 200);
alter table pupil add column destination_school_urn varchar(6) check (destination_school_urn ~ '^[0-9]{6}$');
