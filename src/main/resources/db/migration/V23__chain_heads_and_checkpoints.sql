-- A hash chain alone cannot see its own newest entries removed: what is left is still a perfect chain. Each chain's
-- head is therefore kept where the same removal cannot silently rewind it (issue 13 item 5).

-- Each child's chronology head: the position and hash of its newest entry, written in the same statement as the
-- entry, and where the next entry continues from, so that an entry removed from the end shows as a gap rather than
-- being written over. Updated in place (it is a counter, not a record); the check compares it with the chain.
create table chronology_head (
    pupil_id  uuid   primary key references pupil (id),
    school_id uuid   not null references school (id),
    position  bigint not null check (position > 0),
    hash      bytea  not null check (length(hash) = 32)
);

insert into chronology_head (pupil_id, school_id, position, hash)
select distinct on (pupil_id) pupil_id, school_id, chain_position, hash from chronology_entry
where chain_position is not null and hash is not null
order by pupil_id, chain_position desc;

grant select, insert, update on chronology_head to ${app_role};

-- Every chronology entry is also recorded in the audit trail (CHRONOLOGY_ENTRY_RECORDED: its position and hash),
-- in the transaction that writes it. Entries written before this migration are anchored by their head, now.
with anchored as (
    insert into audit_event (id, occurred_at, school_id, actor_id, action, target_type, target_id, details)
    select gen_random_uuid(), now(), school_id, null, 'CHRONOLOGY_ENTRY_RECORDED', 'pupil', pupil_id,
           'entry ' || position || ', sha-256 ' || encode(hash, 'hex')
    from chronology_head
    returning id)
insert into audit_unsealed (event_id) select id from anchored;

-- The audit chain's head: the position and hash of the newest seal, moved on by the sealer in the transaction that
-- seals, and where the next seal continues from.
create table audit_head (
    chain    text   primary key check (chain = 'audit'),
    position bigint not null check (position > 0),
    hash     bytea  not null check (length(hash) = 32)
);

insert into audit_head (chain, position, hash)
select 'audit', position, hash from audit_seal order by position desc limit 1;

grant select, insert, update on audit_head to ${app_role};

-- Signed checkpoints of the audit chain: its head at a moment, with an HMAC under a key derived from Haven's sealing
-- key (which the database never holds), so that the database's owner can remove them but never forge one. Each is
-- also written to the application log and shown to the DSL to keep.
create table audit_checkpoint (
    id       uuid        primary key,
    position bigint      not null check (position > 0),
    hash     bytea       not null check (length(hash) = 32),
    made_at  timestamptz not null,
    key_id   text        not null check (length(key_id) <= 64),
    mac      bytea       not null check (length(mac) = 32)
);

create index audit_checkpoint_made_idx on audit_checkpoint (made_at desc);

create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function refuse_change();

grant select, insert on audit_checkpoint to ${app_role};
