-- The audit trail becomes tamper-evident and readable by each school's DSL.

-- Each event names its school, so that a DSL reads their own school's trail and no other. Events written before
-- this migration take the school of the person who acted, or of the pupil they concern. (A migration runs as the
-- owner and sets the append-only trigger aside for this one backfill; the application never can.)
alter table audit_event add column school_id uuid references school (id);

alter table audit_event disable trigger audit_event_append_only;
update audit_event e set school_id = s.school_id from staff_account s where s.id = e.actor_id;
update audit_event e set school_id = p.school_id from pupil p
    where e.school_id is null and e.target_type = 'pupil' and p.id = e.target_id;
alter table audit_event enable trigger audit_event_append_only;

create index audit_event_school_idx on audit_event (school_id, occurred_at desc, id);

-- One hash chain over every audit event: hash = SHA-256(previous hash || canonical form), the form documented in
-- AuditHash. Events are sealed in the order the sealer finds them, a moment after they are written, by one writer
-- at a time; a position is never reused, so the chain cannot fork.
create table audit_seal (
    position      bigint      primary key check (position > 0),
    event_id      uuid        not null unique references audit_event (id),
    previous_hash bytea       check (length(previous_hash) = 32),
    hash          bytea       not null check (length(hash) = 32),
    sealed_at     timestamptz not null,
    check ((position = 1) = (previous_hash is null))
);

create trigger audit_seal_append_only before update or delete on audit_seal
    for each row execute function refuse_change();
create trigger audit_seal_no_truncate before truncate on audit_seal
    for each statement execute function refuse_change();

grant select, insert on audit_seal to ${app_role};

-- Events waiting for their seal: a work queue the sealer empties. Every event is written with its row here, in the
-- same transaction.
create table audit_unsealed (
    event_id uuid primary key references audit_event (id)
);

insert into audit_unsealed (event_id) select id from audit_event;

grant select, insert, delete on audit_unsealed to ${app_role};
