-- Documents on a child's chronology: scanned records, typed meeting notes, agency reports, saved emails. What a
-- document is (its label, type, size, SHA-256, who uploaded it and when) lives apart from its content, so that
-- listing documents never reads their bytes. Both are append-only: a document is never changed or removed.
create table document (
    id            uuid primary key,
    school_id     uuid        not null references school (id),
    -- The name the file had on the uploader's computer: a label only (no path, no control characters).
    file_name     text        not null check (length(file_name) between 1 and 200
                                              and file_name !~ '[/\\[:cntrl:]]'),
    -- The type detected from the content (never the type the browser claimed).
    content_type  text        not null check (content_type ~ '^[a-z]+/[a-z0-9.+-]{1,100}$'),
    size_bytes    bigint      not null check (size_bytes > 0),
    sha256        bytea       not null check (length(sha256) = 32),
    description   text        not null check (length(description) between 1 and 500),
    -- The document's own date (the date of the meeting it records, of the letter...).
    document_date date        not null,
    -- Set when the member of staff who raised a concern attached it to their concern.
    concern_id    uuid        references concern (id),
    uploaded_by   uuid        not null references staff_account (id),
    uploaded_at   timestamptz not null,
    -- Where the document store keeps the content: generated, never derived from the file's name.
    storage_key   uuid        not null unique
);

create index document_concern_idx on document (concern_id) where concern_id is not null;

-- The "document uploaded" entries recording a document: one, or one per child for a concern naming several. Whoever
-- may open one of them may download the document.
create table document_entry (
    document_id uuid not null references document (id),
    entry_id    uuid not null references chronology_entry (id),
    primary key (document_id, entry_id)
);

create index document_entry_entry_idx on document_entry (entry_id);

-- The PostgreSQL document store. Content is encrypted with AES-256-GCM in segments, each sealed on its own (see
-- SegmentedCipher): a document streams in and out a segment at a time, and a changed byte fails its segment's tag.
create table document_content (
    storage_key  uuid primary key,
    -- Which key sealed it, so that keys can be rotated; the key itself is never stored here.
    key_id       text        not null check (key_id ~ '^[0-9a-f]{16}$'),
    -- A fresh random nonce per document; each segment's nonce is derived from it and the segment's position.
    nonce        bytea       not null check (length(nonce) = 12),
    segment_size integer     not null check (segment_size > 0),
    segments     integer     not null check (segments > 0),
    stored_at    timestamptz not null
);

create table document_segment (
    storage_key uuid    not null references document_content (storage_key),
    position    integer not null check (position >= 0),
    sealed      bytea   not null,
    primary key (storage_key, position)
);

create trigger document_append_only before update or delete on document
    for each row execute function refuse_change();
create trigger document_no_truncate before truncate on document
    for each statement execute function refuse_change();
create trigger document_entry_append_only before update or delete on document_entry
    for each row execute function refuse_change();
create trigger document_entry_no_truncate before truncate on document_entry
    for each statement execute function refuse_change();
create trigger document_content_append_only before update or delete on document_content
    for each row execute function refuse_change();
create trigger document_content_no_truncate before truncate on document_content
    for each statement execute function refuse_change();
create trigger document_segment_append_only before update or delete on document_segment
    for each row execute function refuse_change();
create trigger document_segment_no_truncate before truncate on document_segment
    for each statement execute function refuse_change();

grant select, insert on document, document_entry, document_content, document_segment to ${app_role};

-- Sealed content does not compress: keep PostgreSQL from trying.
alter table document_segment alter column sealed set storage external;
