-- False and malicious allegations (KCSIE Part 4): removed from the adult's personnel records. Haven keeps the minimum
-- needed to show each was handled: the case manager reduces such a case, once, to its reference, dates, who handled
-- it, the steps taken and their dates (the LADO consultation among them), the outcome and its date. The free text of
-- the report (what happened, who told them, the children described) and of the timeline (accounts, advice, reasons,
-- the names of people not on Haven, the adult's date of birth) is removed from the rows themselves.
--
-- The tables stay append-only in every other way, in the database itself: an UPDATE is allowed only to remove those
-- named texts, and only on a case with a row here whose outcome entry is the case's latest outcome and is false or
-- malicious. Every other UPDATE, and every DELETE, is refused as before.
create table allegation_redaction (
    allegation_id    uuid        primary key references allegation (id),
    outcome_entry_id uuid        not null references allegation_entry (id),
    redacted_by      uuid        not null references staff_account (id),
    redacted_at      timestamptz not null
);

create trigger allegation_redaction_append_only before update or delete on allegation_redaction
    for each row execute function refuse_change();
create trigger allegation_redaction_no_truncate before truncate on allegation_redaction
    for each statement execute function refuse_change();

-- Whether the case may have its text removed: a redaction recorded for it, on its latest outcome, false or malicious.
create function allegation_redactable(allegation uuid) returns boolean
    language sql stable
    as $$
    select exists (select 1 from allegation_redaction r join allegation_entry o on o.id = r.outcome_entry_id
                   where r.allegation_id = $1 and o.allegation_id = $1 and o.kind = 'OUTCOME'
                   and o.details ->> 'choice' in ('FALSE', 'MALICIOUS')
                   and not exists (select 1 from allegation_entry l where l.allegation_id = $1
                                   and l.kind = 'OUTCOME' and l.position > o.position))
    $$;

-- The report: only account, told_by and children_described, only to null, only on a redactable case.
create function allegation_guard() returns trigger
    language plpgsql
    as $$
    begin
        if tg_op = 'UPDATE' and allegation_redactable(old.id)
           and (to_jsonb(new) - array['account', 'told_by', 'children_described'])
               = (to_jsonb(old) - array['account', 'told_by', 'children_described'])
           and new.account is null and new.told_by is null and new.children_described is null then
            return new;
        end if;
        raise exception '% is append-only: % is refused (only the text of a false or malicious allegation with a recorded redaction may be removed)',
            tg_table_name, tg_op using errcode = 'insufficient_privilege';
    end;
    $$;

-- A timeline entry: only the named keys of its details removed, only on a redactable case.
create function allegation_entry_guard() returns trigger
    language plpgsql
    as $$
    begin
        if tg_op = 'UPDATE' and allegation_redactable(old.allegation_id)
           and (to_jsonb(new) - 'details') = (to_jsonb(old) - 'details')
           and new.details = old.details - array['text', 'name', 'reason', 'born'] then
            return new;
        end if;
        raise exception '% is append-only: % is refused (only the text of a false or malicious allegation with a recorded redaction may be removed)',
            tg_table_name, tg_op using errcode = 'insufficient_privilege';
    end;
    $$;

-- A report always has its account when written.
create function allegation_account_required() returns trigger
    language plpgsql
    as $$
    begin
        if new.account is null then
            raise exception 'allegation: a report needs its account' using errcode = 'not_null_violation';
        end if;
        return new;
    end;
    $$;

alter table allegation alter column account drop not null;
create trigger allegation_account_on_insert before insert on allegation
    for each row execute function allegation_account_required();

drop trigger allegation_append_only on allegation;
create trigger allegation_append_only before update or delete on allegation
    for each row execute function allegation_guard();
drop trigger allegation_entry_append_only on allegation_entry;
create trigger allegation_entry_append_only before update or delete on allegation_entry
    for each row execute function allegation_entry_guard();

grant select, insert on allegation_redaction to ${app_role};
grant update (account, told_by, children_described) on allegation to ${app_role};
grant update (details) on allegation_entry to ${app_role};
