package org.haven.concerns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.system.SchoolTime;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DSL team's view across concerns: what awaits screening, what was screened lately,
 * which children have the most concerns this term, and the full lists behind them. A
 * deputy never sees a concern in a restricted category, here as everywhere.
 */
@Service
public class Casework {

	static final int PAGE_SIZE = 25;

	/** A concern's latest screening step, or null while it is new. */
	private static final String LATEST_STEP = "st.step";

	private static final String FROM = " from concern c left join concern_state st on st.concern_id = c.id";

	private static final String VISIBLE = "c.school_id = :school and " + NeedToKnow.concernForTheDslTeam("c.id");

	private static final String PUPILS = "(select string_agg(p.display_name, ', ' order by p.legal_surname)"
			+ " from concern_pupil cp join pupil_name p on p.id = cp.pupil_id where cp.concern_id = c.id) as pupils";

	private final JdbcClient jdbc;

	private final Clock clock;

	Casework(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A concern in a list.
	 *
	 * @param id the concern
	 * @param reference its reference
	 * @param pupils the children's names
	 * @param urgent whether it was marked at immediate risk
	 * @param recordedAt when it was logged
	 * @param status where it stands
	 * @param waited how long it has waited for screening, if it waits
	 */
	public record Listed(UUID id, String reference, String pupils, boolean urgent, Instant recordedAt,
			ConcernScreening.Status status, Duration waited) {

		/**
		 * @return the wait in words: "3 days", "5 hours", "40 minutes"
		 */
		public String waitedText() {
			if (this.waited == null) {
				return null;
			}
			long days = this.waited.toDays();
			if (days > 0) {
				return days + ((days == 1) ? " day" : " days");
			}
			long hours = this.waited.toHours();
			if (hours > 0) {
				return hours + ((hours == 1) ? " hour" : " hours");
			}
			long minutes = this.waited.toMinutes();
			return minutes + ((minutes == 1) ? " minute" : " minutes");
		}

	}

	/**
	 * A child and how many concerns name them this term.
	 */
	public record PupilCount(UUID pupilId, String name, long concerns) {
	}

	/**
	 * What the DSL sees first.
	 */
	public record Dashboard(List<Listed> awaiting, long awaitingCount, List<Listed> screenedLately,
			long screenedLatelyCount, List<PupilCount> mostConcerns, LocalDate termStart) {
	}

	/** Which concerns a list shows. */
	public enum Filter {

		AWAITING, SCREENED_LATELY, CLOSED, ALL

	}

	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public Dashboard dashboard(HavenUser viewer) {
		LocalDate termStart = termStart(LocalDate.now(this.clock.withZone(SchoolTime.ZONE)));
		MapSqlParameterSource parameters = parameters(viewer).addValue("termStart",
				Timestamp.from(termStart.atStartOfDay(SchoolTime.ZONE).toInstant()));
		List<PupilCount> most = this.jdbc
			.sql("select cp.pupil_id, p.display_name, count(*) from concern c"
					+ " join concern_pupil cp on cp.concern_id = c.id join pupil_name p on p.id = cp.pupil_id"
					+ " where c.occurred_at >= :termStart and " + VISIBLE + " group by cp.pupil_id, p.display_name,"
					+ " p.legal_surname order by count(*) desc, p.legal_surname" + " limit 5")
			.paramSource(parameters)
			.query((row, number) -> new PupilCount(row.getObject(1, UUID.class), row.getString(2), row.getLong(3)))
			.list();
		long[] awaitingCount = { 0 };
		List<Listed> awaiting = first(viewer, Filter.AWAITING, awaitingCount);
		long[] screenedCount = { 0 };
		List<Listed> screened = first(viewer, Filter.SCREENED_LATELY, screenedCount);
		return new Dashboard(awaiting, awaitingCount[0], screened, screenedCount[0], most, termStart);
	}

	/**
	 * The first ten of a list and how many there are, in one statement (a window count).
	 */
	private List<Listed> first(HavenUser viewer, Filter filter, long[] total) {
		// The ten are chosen first and only they get their children's names: the count
		// over the whole list never evaluates PUPILS.
		return this.jdbc
			.sql("select c.id, c.reference, c.immediate_risk, c.recorded_at, " + PUPILS + ", c.step, c.total"
					+ " from (select c.id, c.reference, c.immediate_risk, c.recorded_at, " + LATEST_STEP
					+ " as step, count(*) over () as total" + FROM + " where " + VISIBLE + where(filter) + order(filter)
					+ " limit 10) c" + order(filter))
			.paramSource(parameters(viewer))
			.query((row, number) -> {
				total[0] = row.getLong("total");
				return listed(row, number);
			})
			.list();
	}

	private static String order(Filter filter) {
		return (filter == Filter.AWAITING) ? " order by c.immediate_risk desc, c.recorded_at, c.id"
				: " order by c.recorded_at desc, c.id";
	}

	/**
	 * One page of concerns: awaiting screening urgent first then oldest first; others
	 * newest first.
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public List<Listed> list(HavenUser viewer, Filter filter, int page, int size) {
		String order = (filter == Filter.AWAITING) ? " order by c.immediate_risk desc, c.recorded_at, c.id"
				: " order by c.recorded_at desc, c.id";
		return this.jdbc
			.sql("select c.id, c.reference, c.immediate_risk, c.recorded_at, " + PUPILS + ", " + LATEST_STEP
					+ " as step" + FROM + " where " + VISIBLE + where(filter) + order + " limit :limit offset :offset")
			.paramSource(parameters(viewer).addValue("limit", size)
				.addValue("offset", (long) (Math.max(page, 1) - 1) * size))
			.query(this::listed)
			.list();
	}

	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public long count(HavenUser viewer, Filter filter) {
		return this.jdbc.sql("select count(*)" + FROM + " where " + VISIBLE + where(filter))
			.paramSource(parameters(viewer))
			.query(Long.class)
			.single();
	}

	private static String where(Filter filter) {
		return switch (filter) {
			case AWAITING -> " and (st.step is null or st.step = 'REOPENED')";
			// The week's screenings are few and have an index of their own: they are
			// read once and their concerns fetched by id. (As "exists", PostgreSQL
			// walked every concern of the school newest first, probing each for a
			// screening: 10,000 concerns cost 21,000 buffers for the count the
			// dashboard shows.)
			case SCREENED_LATELY -> " and c.id = any(array(select s.concern_id from concern_screening s"
					+ " where s.step = 'SCREENED' and s.recorded_at >= :weekAgo))";
			case CLOSED -> " and " + LATEST_STEP + " = 'CLOSED'";
			case ALL -> "";
		};
	}

	private MapSqlParameterSource parameters(HavenUser viewer) {
		return NeedToKnow.parameters(viewer)
			.addValue("weekAgo", Timestamp.from(this.clock.instant().minus(Duration.ofDays(7))));
	}

	private Listed listed(ResultSet row, int number) throws SQLException {
		String step = row.getString("step");
		ConcernScreening.Status status = (step != null) ? ConcernScreening.Status.valueOf(step)
				: ConcernScreening.Status.NEW;
		Instant recorded = row.getTimestamp("recorded_at").toInstant();
		return new Listed(row.getObject("id", UUID.class), row.getString("reference"), row.getString("pupils"),
				row.getBoolean("immediate_risk"), recorded, status,
				status.awaitsScreening() ? Duration.between(recorded, this.clock.instant()) : null);
	}

	/**
	 * The start of the school term the day falls in, as English schools usually run them:
	 * autumn from 1 September, spring from 1 January, summer from 1 April (the summer
	 * holiday counts with the summer term).
	 */
	static LocalDate termStart(LocalDate day) {
		if (day.getMonthValue() >= Month.SEPTEMBER.getValue()) {
			return LocalDate.of(day.getYear(), Month.SEPTEMBER, 1);
		}
		if (day.getMonthValue() >= Month.APRIL.getValue()) {
			return LocalDate.of(day.getYear(), Month.APRIL, 1);
		}
		return LocalDate.of(day.getYear(), Month.JANUARY, 1);
	}

}
