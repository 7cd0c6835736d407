-- The audit trail: who did what to which record, when and from where. Written in the same transaction as the
-- change it records, and append-only in the database itself: the application role may only read and insert,
-- and triggers refuse any update, delete or truncate whoever asks.

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create table audit_event (
    id              uuid primary key,
    occurred_at     timestamptz not null,
    -- Null for Haven itself (seeding, scheduled work).
    actor_id        uuid        references staff_account (id),
    action          text        not null check (action ~ '^[A-Z_]{3,60}$'),
    target_type     text        check (length(target_type) <= 60),
    target_id       uuid,
    details         text        check (length(details) <= 10000),
    client_address  text        check (length(client_address) <= 64)
);

create index audit_event_target_idx on audit_event (target_type, target_id, occurred_at);
create index audit_event_actor_idx on audit_event (actor_id, occurred_at);
create index audit_event_occurred_idx on audit_event (occurred_at);

create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function refuse_change();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function refuse_change();

grant select, insert on audit_event to ${app_role};
