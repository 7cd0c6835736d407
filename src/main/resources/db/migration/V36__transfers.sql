-- Transfers of a child protection file (KCSIE: to the next school within 5 school days of leaving, separately from
-- the main pupil file, with confirmation of receipt). One row opens when a pupil is marked as left with a
-- destination; each step after it (package produced, sent, receipt confirmed) is a row of its own, so nothing a DSL
-- recorded is ever written over: where a transfer stands is read from its steps.
create table transfer (
    id                    uuid primary key,
    school_id             uuid        not null references school (id),
    pupil_id              uuid        not null references pupil (id),
    opened_at             timestamptz not null,
    left_on               date        not null,
    due_on                date        not null,
    destination_name      text        not null check (length(destination_name) between 1 and 200),
    destination_urn       text        check (destination_urn ~ '^[0-9]{6}$'),
    destination_dsl_name  text        check (length(destination_dsl_name) between 1 and 200),
    destination_dsl_email text        check (length(destination_dsl_email) between 3 and 254),
    check (due_on > left_on)
);

create index transfer_school_idx on transfer (school_id, due_on);
create index transfer_pupil_idx on transfer (pupil_id);

create table transfer_step (
    id           uuid primary key,
    transfer_id  uuid        not null references transfer (id),
    kind         text        not null check (kind in ('PACKAGE', 'SENT', 'RECEIPT')),
    happened_at  timestamptz not null,
    recorded_at  timestamptz not null,
    recorded_by  uuid        not null references staff_account (id),
    how          text        check (length(how) between 1 and 500),
    confirmed_by text        check (length(confirmed_by) between 1 and 200),
    entry_id     uuid        references chronology_entry (id)
);

create index transfer_step_idx on transfer_step (transfer_id, recorded_at);

-- A package received from another school and attached to a pupil's chronology: who sent it and the SHA-256 of the
-- package as received, with its manifest as it came.
create table transfer_received (
    id             uuid primary key,
    school_id      uuid        not null references school (id),
    pupil_id       uuid        not null references pupil (id),
    entry_id       uuid        not null unique references chronology_entry (id),
    received_at    timestamptz not null,
    received_by    uuid        not null references staff_account (id),
    sender_name    text        not null check (length(sender_name) between 1 and 200),
    sender_urn     text        check (length(sender_urn) between 1 and 20),
    produced_by    text        check (length(produced_by) between 1 and 200),
    produced_at    timestamptz,
    package_sha256 bytea       not null check (length(package_sha256) = 32),
    files          integer     not null check (files >= 1),
    manifest       text        not null check (length(manifest) <= 1000000)
);

create index transfer_received_school_idx on transfer_received (school_id, received_at desc);

create trigger transfer_append_only before update or delete on transfer
    for each row execute function refuse_change();
create trigger transfer_no_truncate before truncate on transfer
    for each statement execute function refuse_change();
create trigger transfer_step_append_only before update or delete on transfer_step
    for each row execute function refuse_change();
create trigger transfer_step_no_truncate before truncate on transfer_step
    for each statement execute function refuse_change();
create trigger transfer_received_append_only before update or delete on transfer_received
    for each row execute function refuse_change();
create trigger transfer_received_no_truncate before truncate on transfer_received
    for each statement execute function refuse_change();

grant select, insert on transfer, transfer_step, transfer_received to ${app_role};
