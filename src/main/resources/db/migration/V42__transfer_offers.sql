-- An offer to enrol the child a received package is for, when no pupil of the school has its UPN (issue 17). It is
-- made to the one person who uploaded the package, waits 30 minutes at most for their answer and is taken once: the
-- answer locks the row (select ... for update) and deletes it in the transaction that enrols the child, so two
-- answers at once store the record once. It is kept here, not in an instance's memory or on its disk, so that a
-- restart or the other instance behind the load balancer can still answer it. The package's files, already opened
-- and checked against its manifest, are kept sealed with AES-256-GCM a segment per row under Haven's document key
-- (as documents are); the passphrase is not kept. Declined, answered or expired, the offer and its files are deleted.
create table transfer_offer (
    id                 uuid primary key,
    school_id          uuid        not null references school (id),
    offered_to         uuid        not null references staff_account (id),
    offered_at         timestamptz not null,
    expires_at         timestamptz not null,
    upn                varchar(13) not null,
    package_sha256     bytea       not null check (length(package_sha256) = 32),
    manifest           text        not null check (length(manifest) <= 1000000),
    key_id             text        not null,
    check (expires_at > offered_at)
);

create index transfer_offer_expires_idx on transfer_offer (expires_at);

create table transfer_offer_file (
    offer_id      uuid    not null references transfer_offer (id) on delete cascade,
    position      integer not null check (position >= 0),
    file_name     text    not null check (length(file_name) between 1 and 255),
    chronology    boolean not null,
    description   text,
    document_date date,
    size          bigint  not null check (size > 0),
    sha256        text    not null check (sha256 ~ '^[0-9a-f]{64}$'),
    nonce         bytea   not null check (length(nonce) = 12),
    segments      integer not null check (segments >= 1),
    primary key (offer_id, position)
);

create table transfer_offer_segment (
    offer_id  uuid    not null,
    file      integer not null,
    position  integer not null check (position >= 0),
    sealed    bytea   not null,
    primary key (offer_id, file, position),
    foreign key (offer_id, file) references transfer_offer_file (offer_id, position) on delete cascade
);

grant select, insert, delete on transfer_offer, transfer_offer_file, transfer_offer_segment to ${app_role};
-- PostgreSQL asks for UPDATE on a column to lock a row (select ... for update, and the sweep's skip locked); Haven
-- never updates an offer.
grant update (expires_at) on transfer_offer to ${app_role};
