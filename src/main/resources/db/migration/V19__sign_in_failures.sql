-- Failed sign-ins, counted to throttle guessing: per account (the email as typed, lower-cased, whether or not an
-- account has it, so that throttling never tells which exist) and per client address. Working data, not a record:
-- the audit trail keeps the record of each failure.
create table sign_in_failure (
    email          text        not null check (length(email) <= 254),
    client_address text        check (length(client_address) <= 64),
    failed_at      timestamptz not null
);

create index sign_in_failure_email_idx on sign_in_failure (email, failed_at);
create index sign_in_failure_address_idx on sign_in_failure (client_address, failed_at);

grant select, insert, delete on sign_in_failure to ${app_role};
