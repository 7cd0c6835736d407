-- Which child a body-map mark is on. A concern about children harming each other names them all, and each mark
-- must say whose body it was seen on: one of the concern's own children, which the database holds it to. Marks
-- written before this say nothing (their concern named one child, or the mark predates the question).
alter table concern_body_mark add column pupil_id uuid;

alter table concern_body_mark add constraint concern_body_mark_child
    foreign key (concern_id, pupil_id) references concern_pupil (concern_id, pupil_id);
