-- The DSL team's reports read every concern of a period and the one before it (a school year and the year before:
-- 120,000 concerns in the largest school measured) for the panels the tally (V35) cannot answer: children with the
-- most concerns, staff, year groups, flags, screening decisions and time to screening. Reading each concern's row
-- from the table (wide: the words of the concern itself) and each concern's screening by a look-up of its own took
-- most of their time. These indexes hold what those panels read, so that PostgreSQL answers from the index alone
-- (concerns and screenings are append-only, so their pages stay all-visible and need no visit to the table).

-- Concerns by when they happened and by when they were logged, with what the panels read of each. They replace the
-- plain indexes on the same columns (V11, V16), which they serve as well.
create index concern_school_occurred_cover_idx on concern (school_id, occurred_at) include (id, raised_by, recorded_at);
drop index concern_school_occurred_idx;
create index concern_school_recorded_cover_idx on concern (school_id, recorded_at) include (id);
drop index concern_school_recorded_idx;

-- Each concern's screenings (not its closures or reopenings), with the decision and whether a referral was made.
create index concern_screening_screened_idx on concern_screening (concern_id, recorded_at)
    include (decision, referral_made) where step = 'SCREENED';
