-- A pupil CSV file as uploaded, kept so that the preview and the confirmation read exactly the same bytes, and so
-- that what was imported, by whom and when can be shown later.
create table pupil_import (
    id              uuid primary key,
    school_id       uuid        not null references school (id),
    uploaded_by     uuid        references staff_account (id),
    uploaded_at     timestamptz not null,
    file_name       text        not null check (length(file_name) <= 200),
    content         bytea       not null,
    sha256          char(64)    not null,
    applied_at      timestamptz
);

create index pupil_import_school_idx on pupil_import (school_id, uploaded_at);

grant select, insert on pupil_import to ${app_role};
grant update (applied_at) on pupil_import to ${app_role};
