-- Need to know (DESIGN.md §1, §3.3) is decided in one place, org.haven.accounts.NeedToKnow, whose SQL fragments every
-- reader uses. These are the two facts it asks of tables other modules own, published here so that no reader names
-- those tables itself: whether any of a set of categories is restricted to the DSL (school: category), and the
-- categories a concern is filed under (concerns: concern_category). Neither changes what anyone may see.
create function restricted_among(category_ids uuid[]) returns boolean
    language sql stable parallel safe
    as $$ select exists (select 1 from category k where k.id = any(category_ids) and k.restricted) $$;

create function concern_category_ids(concern uuid) returns uuid[]
    language sql stable parallel safe
    as $$ select array(select cc.category_id from concern_category cc where cc.concern_id = concern) $$;
