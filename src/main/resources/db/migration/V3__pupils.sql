create table pupil (
    id                  uuid primary key,
    school_id           uuid        not null references school (id),
    -- The DfE unique pupil number: a check letter and twelve characters (the last a letter for a temporary UPN).
    upn                 varchar(13) not null unique check (upn ~ '^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$'),
    legal_forename      text        not null check (length(legal_forename) between 1 and 100),
    legal_surname       text        not null check (length(legal_surname) between 1 and 100),
    preferred_forename  text        check (length(preferred_forename) between 1 and 100),
    preferred_surname   text        check (length(preferred_surname) between 1 and 100),
    date_of_birth       date        not null,
    gender              text        not null check (gender in ('FEMALE', 'MALE', 'OTHER', 'NOT_KNOWN')),
    -- The national curriculum year: N1, N2, R, then 1 to 14.
    year_group          text        not null check (year_group in ('N1', 'N2', 'R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14')),
    class_name          text        check (length(class_name) between 1 and 50),
    enrolled_on         date        not null,
    left_on             date,
    status              text        not null default 'ON_ROLL' check (status in ('ON_ROLL', 'LEFT', 'ARCHIVED')),
    created_at          timestamptz not null,
    version             bigint      not null default 0,
    check (left_on is null or left_on >= enrolled_on),
    check ((status = 'ON_ROLL') = (left_on is null))
);

create index pupil_school_status_idx on pupil (school_id, status);

create table pupil_flag (
    pupil_id    uuid not null references pupil (id),
    flag        text not null check (flag in ('LOOKED_AFTER', 'PREVIOUSLY_LOOKED_AFTER', 'CHILD_PROTECTION_PLAN',
                    'CHILD_IN_NEED', 'EARLY_HELP', 'SEN_SUPPORT', 'EHCP', 'YOUNG_CARER', 'PUPIL_PREMIUM', 'EAL', 'MEDICAL')),
    primary key (pupil_id, flag)
);

create index pupil_flag_flag_idx on pupil_flag (flag);

-- Nothing about a pupil is deleted; a leaver is marked as left. Flags are set and cleared.
grant select, insert, update on pupil to ${app_role};
grant select, insert, delete on pupil_flag to ${app_role};
