-- When the DSL team first opened each concern, so that its author is told only what is true: "Sent to the DSL
-- team" until someone on the team opens it, then "Seen by the DSL team", then "Screened". Set once, in the
-- transaction that shows the concern to them, and never changed; the author opening their own concern does not
-- count. The concerns module keeps this itself rather than asking whether an alert was read (alerts depends on
-- concerns, not the other way round).
create table concern_seen (
    concern_id  uuid        primary key references concern (id),
    seen_at     timestamptz not null,
    seen_by     uuid        not null references staff_account (id)
);

grant select, insert on concern_seen to ${app_role};

-- Concerns the team had already opened: the first viewing the audit trail records by anyone but the author (only
-- the team and the author may open a concern).
insert into concern_seen (concern_id, seen_at, seen_by)
select distinct on (e.target_id) e.target_id, e.occurred_at, e.actor_id
from audit_event e join concern c on c.id = e.target_id
where e.action = 'CONCERN_VIEWED' and e.target_type = 'concern' and e.actor_id is not null
and e.actor_id <> c.raised_by
order by e.target_id, e.occurred_at, e.id;
