-- Induction: the school trains every new member of staff in using Haven; the DSL sees who has not been trained.
alter table staff_account add column inducted_on date;

-- Single-use links emailed to set a password: an invitation for a new account, or a reset for a forgotten one.
-- Only a hash of the token is kept, so the table cannot be used to sign in as anyone.
create table staff_token (
    id              uuid primary key,
    staff_id        uuid        not null references staff_account (id),
    purpose         text        not null check (purpose in ('INVITATION', 'PASSWORD_RESET')),
    token_hash      char(64)    not null unique,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz
);

create index staff_token_staff_idx on staff_token (staff_id, purpose);

grant select, insert on staff_token to ${app_role};
grant update (used_at) on staff_token to ${app_role};

-- Email waits here, written in the transaction of what it tells of, until it has been sent; failed sends are
-- retried. Once sent, the body (which may hold a single-use link) is cleared.
create table email_outbox (
    id              uuid primary key,
    to_address      text        not null check (length(to_address) <= 254),
    subject         text        not null check (length(subject) <= 200),
    body            text,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts        integer     not null default 0,
    last_error      text,
    sent_at         timestamptz
);

create index email_outbox_pending_idx on email_outbox (next_attempt_at) where sent_at is null;

grant select, insert on email_outbox to ${app_role};
grant update (body, next_attempt_at, attempts, last_error, sent_at) on email_outbox to ${app_role};
