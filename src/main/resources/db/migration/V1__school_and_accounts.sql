-- Haven's schema is owned by the role that runs these migrations. The application connects as ${app_role},
-- which holds only the privileges granted here, table by table: append-only tables get SELECT and INSERT alone.

revoke create on schema public from public;
grant usage on schema public to ${app_role};

create table school (
    id                          uuid primary key,
    name                        text        not null check (length(name) between 1 and 200),
    -- The DfE's unique reference number, six digits (GIAS).
    urn                         varchar(6)  unique check (urn ~ '^[0-9]{6}$'),
    -- KCSIE and the IRMS toolkit: a child protection file is kept until the child's 25th birthday.
    retain_until_age            integer     not null default 25 check (retain_until_age between 18 and 100),
    -- Governor reports show any smaller count as "fewer than N".
    small_number_threshold      integer     not null default 5 check (small_number_threshold between 2 and 50),
    created_at                  timestamptz not null
);

create table staff_account (
    id                  uuid primary key,
    school_id           uuid        not null references school (id),
    email               text        not null check (length(email) between 3 and 254 and email ~ '^[^@\s]+@[^@\s]+$'),
    name                text        not null check (length(name) between 1 and 200),
    job_title           text        check (length(job_title) <= 200),
    -- Null until the person sets their own password from an invitation.
    password_hash       text,
    active              boolean     not null default true,
    created_at          timestamptz not null,
    deactivated_at      timestamptz,
    last_signed_in_at   timestamptz,
    version             bigint      not null default 0
);

-- The email is the username: unique whatever its case.
create unique index staff_account_email_key on staff_account (lower(email));
create index staff_account_school_idx on staff_account (school_id);

create table staff_role (
    staff_id    uuid        not null references staff_account (id),
    role        text        not null check (role in ('STAFF', 'SAFEGUARDING_TEAM', 'DEPUTY_DSL', 'DSL', 'GOVERNOR', 'ADMIN')),
    granted_at  timestamptz not null,
    primary key (staff_id, role)
);

grant select, insert, update on school to ${app_role};
grant select, insert, update on staff_account to ${app_role};
-- Roles are granted and removed (by the DSL); the change itself goes to the audit trail.
grant select, insert, delete on staff_role to ${app_role};
