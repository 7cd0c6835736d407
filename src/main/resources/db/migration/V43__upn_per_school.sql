-- A UPN identifies a pupil nationally, and a child who moves between two schools on the same Haven has a record at
-- each (the first marked as left, kept as the record of their time there): the UPN is unique within a school, no
-- longer across the whole deployment (issue 17). Every lookup by UPN names the school.
alter table pupil drop constraint pupil_upn_key;
alter table pupil add constraint pupil_school_upn_key unique (school_id, upn);
