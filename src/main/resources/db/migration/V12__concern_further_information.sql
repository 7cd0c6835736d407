-- Further information a member of staff adds to their own concern later: an addendum with its own time, never an
-- edit of what they first wrote.
create table concern_addendum (
    id          uuid primary key,
    concern_id  uuid        not null references concern (id),
    added_by    uuid        not null references staff_account (id),
    added_at    timestamptz not null,
    body        text        not null check (length(body) between 1 and 20000)
);

create index concern_addendum_concern_idx on concern_addendum (concern_id, added_at);

create trigger concern_addendum_append_only before update or delete on concern_addendum
    for each row execute function refuse_change();
create trigger concern_addendum_no_truncate before truncate on concern_addendum
    for each statement execute function refuse_change();

grant select, insert on concern_addendum to ${app_role};
