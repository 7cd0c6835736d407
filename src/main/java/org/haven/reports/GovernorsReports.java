package org.haven.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.audit.AuditTrail;
import org.haven.school.SchoolProfile;
import org.haven.school.Schools;
import org.haven.system.NotFound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The governors' report (DESIGN.md §3.6): the DSL prepares it for a period, writes the
 * narrative and publishes it; governors, and the DSL and deputies, read what was
 * published, each version exactly as it was published. The figures are computed when
 * published and stored as rendered (already suppressed), so a later change to the data
 * never changes a published report; publishing the same period again makes a new version
 * and keeps the old.
 */
@Service
public class GovernorsReports {

	/** Reports listed on a page. */
	static final int PAGE_SIZE = 20;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

	private final JdbcClient jdbc;

	private final GovernorsCounts counts;

	private final GovernorsNarrativeCheck narrativeCheck;

	private final Schools schools;

	private final AuditTrail audit;

	private final Clock clock;

	private final Periods periods;

	GovernorsReports(JdbcClient jdbc, GovernorsCounts counts, GovernorsNarrativeCheck narrativeCheck, Schools schools,
			AuditTrail audit, Clock clock, Periods periods) {
		this.periods = periods;
		this.jdbc = jdbc;
		this.counts = counts;
		this.narrativeCheck = narrativeCheck;
		this.schools = schools;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A published report, as governors read it.
	 */
	public record Published(UUID id, LocalDate from, LocalDate to, String periodLabel, int version, String narrative,
			GovernorsFigures figures, Instant publishedAt) {

		public String dates() {
			return DAY.format(this.from) + " to " + DAY.format(this.to);
		}

		/** A name for its files, from the period alone. */
		public String fileName() {
			return "governors-report-" + this.from + "-to-" + this.to + "-v" + this.version;
		}

	}

	/**
	 * One line of the list of published reports.
	 */
	public record Listed(UUID id, LocalDate from, LocalDate to, String periodLabel, int version, Instant publishedAt) {

		public String dates() {
			return DAY.format(this.from) + " to " + DAY.format(this.to);
		}

	}

	/** Whether the person may read published reports: governors and the DSL team. */
	public static boolean reads(HavenUser user) {
		return user.has(Role.GOVERNOR) || user.isDslTeam();
	}

	/** Whether the person prepares and publishes them: the DSL. */
	public static boolean prepares(HavenUser user) {
		return user.has(Role.DSL);
	}

	/**
	 * @return the figures as they would be published for the period now
	 */
	@Transactional(readOnly = true)
	public GovernorsFigures figures(HavenUser preparer, ReportPeriod period) {
		requirePreparer(preparer);
		SchoolProfile school = this.schools.find(preparer.schoolId()).orElseThrow(NotFound::new);
		// The trend: the same term of the school year before (or the same dates a year
		// earlier), as the school's term dates say.
		ReportPeriod before = this.periods.sameTimeLastYear(preparer.schoolId(), period);
		GovernorsFigureBuilder builder = new GovernorsFigureBuilder(school.smallNumberThreshold());
		return builder.build(before.dates(), this.counts.count(preparer, period.from(), period.to()),
				this.counts.count(preparer, before.from(), before.to()),
				this.counts.yearGroupsOnRoll(preparer.schoolId()),
				this.counts.flagsNow(preparer.schoolId(), List.copyOf(GovernorsFigureBuilder.FLAGS.keySet())),
				this.counts.training(preparer.schoolId()));
	}

	/**
	 * @return the words of the text that may identify a pupil or a member of staff
	 */
	@Transactional(readOnly = true)
	public List<GovernorsNarrativeCheck.Finding> check(HavenUser preparer, String text) {
		requirePreparer(preparer);
		return this.narrativeCheck.check(preparer.schoolId(), text);
	}

	/**
	 * Publishes the report for the period: its figures as they are now, frozen, as the
	 * next version for these dates.
	 * @return the published version's id
	 */
	@Transactional
	public UUID publish(HavenUser preparer, ReportPeriod period, String narrative) {
		GovernorsFigures figures = figures(preparer, period);
		UUID id = UUID.randomUUID();
		// One version at a time per school: the next number is taken under a lock.
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('governors_report:' || :school))")
			.param("school", preparer.schoolId().toString())
			.query(Object.class)
			.list();
		int version = this.jdbc
			.sql("select coalesce(max(version), 0) + 1 from governors_report where school_id = :school"
					+ " and period_from = :from and period_to = :to")
			.param("school", preparer.schoolId())
			.param("from", period.from())
			.param("to", period.to())
			.query(Integer.class)
			.single();
		this.jdbc
			.sql("insert into governors_report (id, school_id, period_from, period_to, period_label, version,"
					+ " narrative, figures, published_by, published_at) values (:id, :school, :from, :to, :label,"
					+ " :version, :narrative, :figures, :by, :at)")
			.param("id", id)
			.param("school", preparer.schoolId())
			.param("from", period.from())
			.param("to", period.to())
			.param("label", period.label())
			.param("version", version)
			.param("narrative", (narrative != null) ? narrative : "")
			.param("figures", JSON.writeValueAsString(figures))
			.param("by", preparer.id())
			.param("at", Timestamp.from(this.clock.instant()))
			.update();
		this.audit.record("GOVERNORS_REPORT_PUBLISHED", "governors_report", id,
				"Published the governors' report for " + period.label() + " (" + DAY.format(period.from()) + " to "
						+ DAY.format(period.to()) + "), version " + version);
		return id;
	}

	/**
	 * @param page from 1
	 * @return the published reports, newest first, one more than a page to tell whether
	 * another follows
	 */
	@Transactional(readOnly = true)
	public List<Listed> published(HavenUser viewer, int page) {
		requireReader(viewer);
		return this.jdbc
			.sql("select id, period_from, period_to, period_label, version, published_at from governors_report"
					+ " where school_id = :school order by published_at desc, version desc limit :limit offset :offset")
			.param("school", viewer.schoolId())
			.param("limit", PAGE_SIZE + 1)
			.param("offset", (Math.max(page, 1) - 1) * PAGE_SIZE)
			.query((row, number) -> new Listed(row.getObject("id", UUID.class),
					row.getObject("period_from", LocalDate.class), row.getObject("period_to", LocalDate.class),
					row.getString("period_label"), row.getInt("version"), row.getTimestamp("published_at").toInstant()))
			.list();
	}

	/**
	 * @return the published version, as it was published
	 * @throws NotFound if there is none of this school's, or the person may not read it
	 */
	@Transactional(readOnly = true)
	public Published find(HavenUser viewer, UUID id) {
		requireReader(viewer);
		return this.jdbc
			.sql("select r.id, r.period_from, r.period_to, r.period_label, r.version, r.narrative, r.figures,"
					+ " r.published_at from governors_report r where r.id = :id and r.school_id = :school")
			.param("id", id)
			.param("school", viewer.schoolId())
			.query((row, number) -> new Published(row.getObject("id", UUID.class),
					row.getObject("period_from", LocalDate.class), row.getObject("period_to", LocalDate.class),
					row.getString("period_label"), row.getInt("version"), row.getString("narrative"),
					JSON.readValue(row.getString("figures"), GovernorsFigures.class),
					row.getTimestamp("published_at").toInstant()))
			.optional()
			.orElseThrow(NotFound::new);
	}

	/**
	 * Records that a published report left Haven as a file.
	 */
	@Transactional
	public void recordExport(HavenUser viewer, Published report, String format) {
		this.audit.record("GOVERNORS_REPORT_EXPORTED", "governors_report", report.id(),
				"Downloaded the governors' report for " + report.periodLabel() + ", version " + report.version()
						+ ", as " + format);
	}

	private static void requirePreparer(HavenUser user) {
		if (!prepares(user)) {
			throw new NotFound();
		}
	}

	private static void requireReader(HavenUser user) {
		if (!reads(user)) {
			throw new NotFound();
		}
	}

}
