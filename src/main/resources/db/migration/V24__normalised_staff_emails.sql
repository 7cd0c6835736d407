-- An email address is a username, so look-alike spellings must be one address. The application now stores and compares
-- every address in one normal form (EmailAddresses.normalise: NFKC, lower case, trimmed); this brings the addresses
-- already stored to that form. The unique index on lower(email) from V1 then keeps normal forms unique.
--
-- Where two accounts' addresses share a normal form (a look-alike account made before this), the older keeps it and
-- the other is left as typed, for an administrator to deactivate: the index would refuse two, and choosing which
-- account a person signs in to is not a migration's decision.
with wanted as (
    select distinct on (normal) id, normal
    from (select id, created_at, lower(normalize(btrim(email), NFKC)) as normal from staff_account) candidate
    order by normal, created_at, id
)
update staff_account s
set email = wanted.normal
from wanted
where s.id = wanted.id
  and s.email <> wanted.normal
  and not exists (select 1 from staff_account t where t.id <> s.id and lower(t.email) = wanted.normal);
