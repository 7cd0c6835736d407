-- A person's authenticator app: the TOTP secret sealed with the key in SealingKeys (never stored in the clear), the
-- step of the last code accepted (a code works once: only a later step is accepted after it), and when the person
-- proved they hold it. Until confirmed_at is set the secret is an enrolment in progress and counts for nothing.
create table totp_secret (
    staff_id       uuid        primary key references staff_account (id),
    key_id         text        not null check (length(key_id) <= 64),
    sealed         bytea       not null check (length(sealed) <= 256),
    created_at     timestamptz not null,
    confirmed_at   timestamptz,
    last_used_step bigint      not null default 0
);

-- Ten single-use recovery codes for when the phone is lost, shown once and kept only as SHA-256 hashes.
create table recovery_code (
    staff_id   uuid        not null references staff_account (id),
    code_hash  text        not null check (length(code_hash) = 64),
    created_at timestamptz not null,
    used_at    timestamptz,
    primary key (staff_id, code_hash)
);

-- Passkeys, in the tables Spring Security's JDBC WebAuthn repositories read and write (its PostgreSQL schema). A
-- user entity is named by the account's email, as a signed-in person is.
create table user_entities (
    id           varchar(1000) not null primary key,
    name         varchar(254)  not null unique,
    display_name varchar(200)
);

create table user_credentials (
    credential_id                varchar(1000) not null primary key,
    user_entity_user_id          varchar(1000) not null references user_entities (id),
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null
);

create index user_credentials_user_idx on user_credentials (user_entity_user_id);

grant select, insert, update, delete on totp_secret, recovery_code, user_entities, user_credentials to ${app_role};
