-- Search finds the most recent matches of a common word by walking a school's entries newest first (the concerns
-- have such an index already); a rare word still goes through the GIN index. The planner chooses per word from the
-- statistics of the search vectors.
create index chronology_entry_school_occurred_idx on chronology_entry (school_id, occurred_at);
