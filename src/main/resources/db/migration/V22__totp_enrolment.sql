-- An authenticator app being set up lives apart from the confirmed one, so that moving to a new phone keeps the old
-- app working until the new one has proved itself with a code. Enrolments in progress move here, sealed as they were.
create table totp_enrolment (
    staff_id   uuid        primary key references staff_account (id),
    key_id     text        not null check (length(key_id) <= 64),
    sealed     bytea       not null check (length(sealed) <= 256),
    created_at timestamptz not null
);

insert into totp_enrolment (staff_id, key_id, sealed, created_at)
select staff_id, key_id, sealed, created_at from totp_secret where confirmed_at is null;

delete from totp_secret where confirmed_at is null;

grant select, insert, update, delete on totp_enrolment to ${app_role};
