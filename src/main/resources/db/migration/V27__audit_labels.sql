-- The audit trail names what it records when the event is written: who acted and what they acted on, as readable
-- labels ("Ada Lovelace", "C-2026-00042"), so that reading the trail joins no feature module's tables. The labels
-- are not part of an event's hash (AuditHash): the chain sealed before this migration still verifies, and a label
-- is a convenience for the reader, never evidence; the ids beside it are.
alter table audit_event add column actor_label text check (length(actor_label) <= 300);
alter table audit_event add column target_label text check (length(target_label) <= 300);

-- Events written before this migration take the labels their records bear today. (A migration runs as the owner
-- and sets the append-only trigger aside for this one backfill, as V18 did; the application never can.)
alter table audit_event disable trigger audit_event_append_only;
update audit_event e set actor_label = s.name from staff_account s where s.id = e.actor_id;
update audit_event e set target_label = p.display_name from pupil p
    where e.target_type = 'pupil' and p.id = e.target_id;
update audit_event e set target_label = c.reference from concern c
    where e.target_type = 'concern' and c.id = e.target_id;
update audit_event e set target_label = d.file_name from document d
    where e.target_type = 'document' and d.id = e.target_id;
update audit_event e set target_label = s.name from staff_account s
    where e.target_type = 'staff_account' and s.id = e.target_id;
update audit_event e set target_label = k.name from category k
    where e.target_type = 'category' and k.id = e.target_id;
alter table audit_event enable trigger audit_event_append_only;
