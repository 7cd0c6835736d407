-- The local contacts a DSL needs at hand when screening a concern (shown on the screening page).
create table school_contact (
    id          uuid primary key,
    school_id   uuid        not null references school (id),
    kind        text        not null check (kind in ('MASH', 'LADO', 'POLICE', 'EARLY_HELP', 'OUT_OF_HOURS', 'OTHER')),
    name        text        not null check (length(name) between 1 and 200),
    phone       text        check (length(phone) <= 40),
    email       text        check (length(email) <= 254),
    created_at  timestamptz not null
);

create index school_contact_school_idx on school_contact (school_id, kind);

-- Contacts change as people move on: kept current, not kept forever (changes are audited).
grant select, insert, update, delete on school_contact to ${app_role};
