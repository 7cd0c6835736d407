package org.haven.allegations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.accounts.Role;
import org.haven.accounts.StaffAccounts;
import org.haven.accounts.StaffMember;
import org.haven.chronology.Chronology;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.mail.Mailbox;
import org.haven.pupils.PupilDirectory;
import org.haven.school.EnglandBankHolidays;
import org.haven.system.NotFound;
import org.haven.system.SchoolTime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Concerns about adults (KCSIE Part 4). Raising one commits the report, the first entry
 * of its timeline and the case manager's email together, and a repeated submit of the
 * same form never raises a second. Only the case manager reads a case
 * ({@link NeedToKnow#caseManaged(String)}); the adult it is about never does, whatever
 * roles they hold; the reporter learns only that it was received.
 */
@Service
public class Allegations {

	/** Cases to a page of the case manager's list. */
	static final int PAGE_SIZE = 25;

	/** Separates the lock on one form's submission from Haven's other advisory locks. */
	private static final int SUBMISSION_LOCK = 7321;

	/** Separates the lock on one case's timeline from Haven's other advisory locks. */
	private static final int TIMELINE_LOCK = 7322;

	/**
	 * Who may ever read a case: its manager (the headteacher or chair) and the members of
	 * staff they add; which case each reads is {@link NeedToKnow#caseManaged}'s.
	 */
	private static final String MANAGER_ROLES = "hasAnyRole('STAFF', 'HEADTEACHER', 'CHAIR_OF_GOVERNORS')";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate named;

	private final StaffAccounts staff;

	private final PupilDirectory pupils;

	private final Mailbox mailbox;

	private final Chronology chronology;

	private final Clock clock;

	private final String baseUrl;

	Allegations(JdbcClient jdbc, NamedParameterJdbcTemplate named, StaffAccounts staff, PupilDirectory pupils,
			Mailbox mailbox, Chronology chronology, Clock clock, @Value("${haven.base-url}") String baseUrl) {
		this.chronology = chronology;
		this.jdbc = jdbc;
		this.named = named;
		this.staff = staff;
		this.pupils = pupils;
		this.mailbox = mailbox;
		this.clock = clock;
		this.baseUrl = baseUrl.replaceAll("/+$", "");
	}

	/**
	 * What a submit led to.
	 *
	 * @param id the case
	 * @param reference its reference
	 * @param repeated whether the form had already been sent (nothing new was written)
	 */
	public record Raised(UUID id, String reference, boolean repeated) {
	}

	/**
	 * Raises a concern about an adult. The form's token is looked up under a lock on it,
	 * so a second submit of the same form lands on the case the first raised.
	 * @param reporter the member of staff, or a governor (about the headteacher alone)
	 * @param report what they reported, checked field by field
	 * @return the case raised, or the one this form already raised
	 * @throws InvalidAllegationException if the adult or a child is not at the school, or
	 * a governor names someone other than the headteacher
	 * @throws IllegalStateException if the form's token was used by someone else
	 */
	@Transactional
	@PreAuthorize("hasAnyRole('STAFF', 'GOVERNOR')")
	public Raised raise(HavenUser reporter, NewAllegation report) {
		return raise(reporter, report, true);
	}

	/**
	 * For the demo school's history: raises a case as {@link #raise} does, but emails
	 * nobody (a past case was dealt with in the past).
	 */
	@Transactional
	@PreAuthorize("hasAnyRole('STAFF', 'GOVERNOR')")
	public Raised raiseFromHistory(HavenUser reporter, NewAllegation report) {
		return raise(reporter, report, false);
	}

	private Raised raise(HavenUser reporter, NewAllegation report, boolean notify) {
		this.jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
			.params(SUBMISSION_LOCK, report.submissionToken().toString())
			.query((row, number) -> 1)
			.list();
		record Sent(UUID id, String reference, UUID raisedBy) {
		}
		Optional<Sent> earlier = this.jdbc
			.sql("select id, reference, raised_by from allegation where submission_token = ?")
			.param(report.submissionToken())
			.query((row, number) -> new Sent(row.getObject(1, UUID.class), row.getString(2),
					row.getObject(3, UUID.class)))
			.optional();
		if (earlier.isPresent()) {
			if (!earlier.get().raisedBy().equals(reporter.id())) {
				throw new FormAlreadySentException();
			}
			return new Raised(earlier.get().id(), earlier.get().reference(), true);
		}
		UUID school = reporter.schoolId();
		Optional<StaffMember> head = this.staff.holderOf(school, Role.HEADTEACHER);
		if (report.subjectStaffId() != null && this.staff.activeMembers(school)
			.stream()
			.noneMatch((member) -> member.id().equals(report.subjectStaffId()))) {
			throw new InvalidAllegationException("subjectStaffId", "Choose the member of staff from the list");
		}
		boolean aboutHead = head.isPresent() && head.get().id().equals(report.subjectStaffId());
		if (!reporter.has(Role.STAFF) && !aboutHead) {
			throw new InvalidAllegationException("subjectStaffId",
					"As a governor you raise concerns about the headteacher here; tell the headteacher about anyone else");
		}
		if (!report.pupilIds().isEmpty() && this.pupils.namesOnRoll(school, new HashSet<>(report.pupilIds()))
			.size() != report.pupilIds().size()) {
			throw new InvalidAllegationException("pupilIds", "Choose children on roll from the list");
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		int year = now.atZone(SchoolTime.ZONE).getYear();
		int number = this.jdbc.sql("""
				insert into allegation_reference_counter (school_id, year, last_number) values (?, ?, 1)
				on conflict (school_id, year) do update set last_number = allegation_reference_counter.last_number + 1
				returning last_number""").params(school, year).query(Integer.class).single();
		String reference = String.format("A-%d-%04d", year, number);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into allegation (id, school_id, reference, submission_token, raised_by, recorded_at,
				subject_staff_id, subject_name, subject_kind, subject_organisation, about_headteacher, classification,
				occurred_on, account, source, told_by, children_described, child_at_risk)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, school, reference, report.submissionToken(), reporter.id(), Timestamp.from(now),
					report.subjectStaffId(), report.subjectName(), report.subjectKind().name(),
					report.subjectOrganisation(), aboutHead, report.classification().name(), report.occurredOn(),
					report.account(), report.source(), report.toldBy(), report.childrenDescribed(),
					report.childAtRisk())
			.update();
		for (UUID pupil : report.pupilIds()) {
			this.jdbc.sql("insert into allegation_child (allegation_id, pupil_id) values (?, ?)")
				.params(id, pupil)
				.update();
		}
		append(id, reporter.id(), CaseStep.RECEIVED, now, now, "Concern received from " + reporter.name(), null,
				Map.of("report", reportDigest(id), "choice", report.classification().name()));
		tellChronologies(id, school, reporter.id(), false);
		UUID manager = this.named.queryForObject(NeedToKnow.caseManagerOf(),
				new MapSqlParameterSource("school", school).addValue("subject", report.subjectStaffId())
					.addValue("aboutHeadteacher", aboutHead),
				UUID.class);
		if (manager != null && notify) {
			String email = this.jdbc.sql("select email from staff_name where id = ?")
				.param(manager)
				.query(String.class)
				.single();
			// Never the adult's name, nor what is alleged: an email can be read over a
			// shoulder, forwarded or misaddressed.
			this.mailbox.queue(email, "A concern about an adult has been passed to you (" + reference + ")", """
					A concern about an adult who works with children at the school has been passed to you as case
					manager, %s.

					Read it in Haven:
					%s/allegations/%s
					%s
					KCSIE asks that an allegation is discussed with the LADO within one working day.
					This email deliberately says nothing about who it concerns or what happened.
					""".formatted(reference, this.baseUrl, id, "YES".equals(report.childAtRisk())
					? "\nThe person who raised it thinks a child may be at risk now: read it straight away.\n" : ""));
		}
		return new Raised(id, reference, false);
	}

	/**
	 * What the person who raised a concern about an adult sees of it: that it was
	 * received, and nothing of what was done.
	 *
	 * @param reference its reference
	 * @param routed whether Haven had a case manager to pass it to
	 * @param childAtRisk whether they said a child is at risk now
	 */
	public record Received(String reference, boolean routed, boolean childAtRisk) {
	}

	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('STAFF', 'GOVERNOR')")
	public Optional<Received> received(HavenUser reporter, UUID id) {
		return this.named
			.query("""
					select a.reference, %s, a.child_at_risk from allegation a
					where a.id = :id and a.raised_by = :viewer and a.school_id = :school
					""".formatted(NeedToKnow.caseRouted("a")), NeedToKnow.parameters(reporter).addValue("id", id),
					(row, number) -> new Received(row.getString(1), row.getBoolean(2), "YES".equals(row.getString(3))))
			.stream()
			.findFirst();
	}

	/**
	 * A case as its list shows it.
	 */
	public record CaseSummary(UUID id, String reference, Classification classification, String adult,
			Instant receivedAt, LocalDate ladoDue, boolean ladoConsulted, boolean overdue, String outcome) {

		public boolean closed() {
			return this.outcome != null;
		}

	}

	/**
	 * @param page from 1
	 * @return the cases the person manages, newest first, a page of {@link #PAGE_SIZE}
	 * and one more to say whether another page follows (two statements)
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(MANAGER_ROLES)
	public List<CaseSummary> cases(HavenUser manager, int page) {
		int offset = (Math.max(page, 1) - 1) * PAGE_SIZE;
		return this.named.query("""
				select a.id, a.reference, %s as classification, coalesce(s.name, a.subject_name), a.recorded_at,
				exists (select 1 from allegation_entry e where e.allegation_id = a.id and e.kind = 'LADO_CONSULTED'),
				(select e.details ->> 'choice' from allegation_entry e where e.allegation_id = a.id
				 and e.kind = 'OUTCOME' order by e.position desc limit 1)
				from allegation a left join staff_name s on s.id = a.subject_staff_id
				where %s order by a.recorded_at desc limit :limit offset :offset
				""".formatted(CURRENT_CLASSIFICATION, NeedToKnow.caseManaged("a")),
				NeedToKnow.parameters(manager).addValue("limit", PAGE_SIZE + 1).addValue("offset", offset),
				(row, number) -> {
					Classification classification = Classification.valueOf(row.getString(3));
					Instant received = row.getTimestamp(5).toInstant();
					boolean consulted = row.getBoolean(6);
					String outcome = row.getString(7);
					LocalDate due = ladoDue(classification, received);
					return new CaseSummary(row.getObject(1, UUID.class), row.getString(2), classification,
							row.getString(4), received, due, consulted, overdue(due, consulted, outcome), outcome);
				});
	}

	/**
	 * @return how many open cases the person manages, and how many of them are past the
	 * LADO's one working day (for their home page)
	 */
	@Transactional(readOnly = true)
	public Counts counts(HavenUser manager) {
		if (!manager.has(Role.STAFF) && !manager.has(Role.HEADTEACHER) && !manager.has(Role.CHAIR_OF_GOVERNORS)) {
			return new Counts(0, 0);
		}
		List<CaseSummary> open = this.named.query("""
				select %s, a.recorded_at,
				exists (select 1 from allegation_entry e where e.allegation_id = a.id and e.kind = 'LADO_CONSULTED')
				from allegation a where %s and not exists (select 1 from allegation_entry e
				where e.allegation_id = a.id and e.kind = 'OUTCOME')
				""".formatted(CURRENT_CLASSIFICATION, NeedToKnow.caseManaged("a")), NeedToKnow.parameters(manager),
				(row, number) -> {
					Classification classification = Classification.valueOf(row.getString(1));
					Instant received = row.getTimestamp(2).toInstant();
					LocalDate due = ladoDue(classification, received);
					return new CaseSummary(null, null, classification, null, received, due, row.getBoolean(3),
							overdue(due, row.getBoolean(3), null), null);
				});
		return new Counts(open.size(), open.stream().filter(CaseSummary::overdue).count());
	}

	/** The case manager's figures for their home page. */
	public record Counts(long open, long overdue) {
	}

	/**
	 * A low-level concern as the register shows it, with the patterns KCSIE asks the case
	 * manager to look for.
	 *
	 * @param inTwelveMonths the low-level concerns about the same adult in the twelve
	 * months up to this one's date, this one included (three or more: a pattern)
	 * @param afterAllegation whether an allegation about the same adult was raised before
	 * it
	 * @param review the latest review's decision, or null while it awaits one
	 */
	public record LowLevel(UUID id, String reference, String adult, String adultKey, LocalDate occurredOn,
			Instant receivedAt, int inTwelveMonths, boolean afterAllegation, String review, boolean closed) {

		public boolean pattern() {
			return this.inTwelveMonths >= 3;
		}

		public String reviewText() {
			return CaseStep.LOW_LEVEL_REVIEWED.choiceText(this.review);
		}

	}

	/**
	 * The case manager's register of low-level concerns (KCSIE Part 4): every one they
	 * manage, by adult, newest first, each flagged where the adult has three or more in
	 * twelve months or an allegation came before it. One statement.
	 * @param page from 1
	 * @return a page of {@link #PAGE_SIZE}, and one more to say whether another follows
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('HEADTEACHER', 'CHAIR_OF_GOVERNORS')")
	public List<LowLevel> lowLevelRegister(HavenUser manager, int page) {
		int offset = (Math.max(page, 1) - 1) * PAGE_SIZE;
		return this.named.query(
				"""
						with managed as (
						  select a.id, a.reference, a.occurred_on, a.recorded_at, coalesce(s.name, a.subject_name) as adult,
						  coalesce(a.subject_staff_id::text, lower(btrim(a.subject_name))) as adult_key,
						  %s as classification,
						  (select e.details ->> 'choice' from allegation_entry e where e.allegation_id = a.id
						   and e.kind = 'LOW_LEVEL_REVIEWED' order by e.position desc limit 1) as review,
						  exists (select 1 from allegation_entry e where e.allegation_id = a.id and e.kind = 'OUTCOME') as closed
						  from allegation a left join staff_name s on s.id = a.subject_staff_id
						  where a.school_id = :school and a.subject_staff_id is distinct from :viewer and %s),
						flagged as (
						  select m.*,
						  count(*) filter (where m.classification = 'LOW_LEVEL') over (partition by m.adult_key
						    order by m.occurred_on range between interval '1 year' preceding and current row) as in_year,
						  coalesce(bool_or(m.classification = 'ALLEGATION') over (partition by m.adult_key
						    order by m.recorded_at rows between unbounded preceding and 1 preceding), false) as after_allegation
						  from managed m)
						select id, reference, adult, adult_key, occurred_on, recorded_at, in_year, after_allegation, review, closed
						from flagged where classification = 'LOW_LEVEL'
						order by lower(adult), adult_key, occurred_on desc, recorded_at desc limit :limit offset :offset
						"""
					.formatted(CURRENT_CLASSIFICATION, NeedToKnow.caseManagerIsViewer("a")),
				NeedToKnow.parameters(manager).addValue("limit", PAGE_SIZE + 1).addValue("offset", offset),
				(row, number) -> new LowLevel(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
						row.getString(4), row.getObject(5, LocalDate.class), row.getTimestamp(6).toInstant(),
						row.getInt(7), row.getBoolean(8), row.getString(9), row.getBoolean(10)));
	}

	/**
	 * The normal retirement age when the school has set none: the State Pension age now.
	 */
	public static final int DEFAULT_RETIREMENT_AGE = 67;

	/**
	 * A closed allegation as the retention report shows it (KCSIE Part 4): what must be
	 * kept, and until when.
	 *
	 * @param outcome the outcome recorded (SUBSTANTIATED, UNSUBSTANTIATED, UNFOUNDED,
	 * FALSE, MALICIOUS)
	 * @param born the adult's date of birth as the case manager recorded it, or null
	 * @param retirementAge the school's normal retirement age
	 */
	public record Retained(UUID id, String reference, String adult, Instant receivedAt, LocalDate closedOn,
			String outcome, LocalDate born, int retirementAge, boolean reduced) {

		/**
		 * @return whether it is to be removed from the adult's personnel records (false
		 * or malicious)
		 */
		public boolean forRemoval() {
			return "FALSE".equals(this.outcome) || "MALICIOUS".equals(this.outcome);
		}

		/**
		 * @return ten years from the allegation
		 */
		public LocalDate tenYearsOn() {
			return this.receivedAt.atZone(SchoolTime.ZONE).toLocalDate().plusYears(10);
		}

		/**
		 * @return until when the record is kept: the later of ten years from the
		 * allegation and the adult's normal retirement age, where their date of birth is
		 * known
		 */
		public LocalDate keepUntil() {
			return Allegations.keepUntil(this.receivedAt.atZone(SchoolTime.ZONE).toLocalDate(), this.born,
					this.retirementAge);
		}

		/**
		 * @return why it is kept until then, as the report says it
		 */
		public String keepUntilWhy() {
			if (this.born == null) {
				return "10 years from the allegation; record the date of birth to check the retirement age";
			}
			return keepUntil().equals(tenYearsOn())
					? "10 years from the allegation, no earlier than their normal retirement age (" + this.retirementAge
							+ ")"
					: "their normal retirement age (" + this.retirementAge
							+ "), later than 10 years from the allegation";
		}

		public String outcomeText() {
			return CaseStep.OUTCOME.choiceText(this.outcome);
		}

	}

	/**
	 * KCSIE Part 4: kept until the adult's normal retirement age or for 10 years from the
	 * allegation, whichever is longer.
	 * @param allegationDay the day the allegation was received
	 * @param born the adult's date of birth, or null when it is not known (then the 10
	 * years alone)
	 * @param retirementAge the normal retirement age, in years
	 * @return the last day it must be kept
	 */
	static LocalDate keepUntil(LocalDate allegationDay, LocalDate born, int retirementAge) {
		LocalDate tenYears = allegationDay.plusYears(10);
		if (born == null) {
			return tenYears;
		}
		LocalDate retires = born.plusYears(retirementAge);
		return retires.isAfter(tenYears) ? retires : tenYears;
	}

	/**
	 * The case manager's retention report: every allegation they manage that has an
	 * outcome, newest first. One statement.
	 * @param substantiatedOnly the reference check: only what may be cited in a reference
	 * (a substantiated allegation)
	 * @param page from 1
	 * @return a page of {@link #PAGE_SIZE}, and one more to say whether another follows
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('HEADTEACHER', 'CHAIR_OF_GOVERNORS')")
	public List<Retained> retained(HavenUser manager, boolean substantiatedOnly, int page) {
		int offset = (Math.max(page, 1) - 1) * PAGE_SIZE;
		return this.named.query("""
				select * from (
				  select a.id, a.reference, coalesce(s.name, a.subject_name) as adult, a.recorded_at,
				  o.occurred_at, o.details ->> 'choice' as outcome, %s as classification,
				  (select (e.details ->> 'born')::date from allegation_entry e where e.allegation_id = a.id
				   and e.kind = 'ADULT_BORN' order by e.position desc limit 1) as born,
				  coalesce((select r.age from allegation_retirement_age r where r.school_id = a.school_id
				   order by r.sequence desc limit 1), :defaultAge) as retirement_age,
				  exists (select 1 from allegation_redaction d where d.allegation_id = a.id) as reduced
				  from allegation a left join staff_name s on s.id = a.subject_staff_id
				  join lateral (select e.occurred_at, e.details from allegation_entry e where e.allegation_id = a.id
				    and e.kind = 'OUTCOME' order by e.position desc limit 1) o on true
				  where a.school_id = :school and a.subject_staff_id is distinct from :viewer and %s) closed
				where classification = 'ALLEGATION' and (not :substantiatedOnly or outcome = 'SUBSTANTIATED')
				order by lower(adult), recorded_at desc limit :limit offset :offset
				""".formatted(CURRENT_CLASSIFICATION, NeedToKnow.caseManagerIsViewer("a")),
				NeedToKnow.parameters(manager)
					.addValue("substantiatedOnly", substantiatedOnly)
					.addValue("defaultAge", DEFAULT_RETIREMENT_AGE)
					.addValue("limit", PAGE_SIZE + 1)
					.addValue("offset", offset),
				(row, number) -> new Retained(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
						row.getTimestamp(4).toInstant(),
						row.getTimestamp(5).toInstant().atZone(SchoolTime.ZONE).toLocalDate(), row.getString(6),
						row.getObject(8, LocalDate.class), row.getInt(9), row.getBoolean(10)));
	}

	/**
	 * @return the school's normal retirement age, as its case manager last set it, or
	 * {@link #DEFAULT_RETIREMENT_AGE}
	 */
	@Transactional(readOnly = true)
	public int retirementAge(HavenUser user) {
		return this.jdbc.sql("""
				select age from allegation_retirement_age where school_id = ? order by sequence desc limit 1""")
			.param(user.schoolId())
			.query(Integer.class)
			.optional()
			.orElse(DEFAULT_RETIREMENT_AGE);
	}

	/**
	 * The case manager sets the school's normal retirement age (kept beside every earlier
	 * one).
	 */
	@Transactional
	@PreAuthorize("hasAnyRole('HEADTEACHER', 'CHAIR_OF_GOVERNORS')")
	public void setRetirementAge(HavenUser manager, int age) {
		if (age < MIN_RETIREMENT_AGE || age > MAX_RETIREMENT_AGE) {
			throw new InvalidAllegationException("age", RETIREMENT_AGE_RANGE);
		}
		this.jdbc.sql("""
				insert into allegation_retirement_age (school_id, age, changed_by, changed_at) values (?, ?, ?, ?)""")
			.params(manager.schoolId(), age, manager.id(), Timestamp.from(this.clock.instant()))
			.update();
	}

	static final int MIN_RETIREMENT_AGE = 55;

	static final int MAX_RETIREMENT_AGE = 75;

	static final String RETIREMENT_AGE_RANGE = "Enter an age from 55 to 75, in whole years";

	/**
	 * The case manager records the adult's date of birth, where they know it (from the
	 * personnel file), for the retention report: a new entry on the timeline, the latest
	 * one in force.
	 * @throws NotFound if the case does not exist for this person, or they are not its
	 * manager
	 */
	@Transactional
	@PreAuthorize(MANAGER_ROLES)
	public void recordDateOfBirth(HavenUser manager, UUID id, LocalDate born) {
		CaseView view = read(manager, id).filter(CaseView::manager)
			.filter((found) -> !found.reduced())
			.orElseThrow(NotFound::new);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("born", born.toString());
		// The date itself is in the details alone, which a case reduced to the minimum
		// loses.
		append(view.id(), manager.id(), CaseStep.ADULT_BORN, now, now, "The adult’s date of birth recorded", null,
				details);
	}

	/** The classification now: the latest reclassification, or the reporter's. */
	private static final String CURRENT_CLASSIFICATION = """
			coalesce((select e.details ->> 'choice' from allegation_entry e where e.allegation_id = a.id
			and e.kind = 'RECLASSIFIED' order by e.position desc limit 1), a.classification)""";

	/**
	 * An entry on a case's timeline.
	 */
	public record Entry(UUID id, int position, CaseStep step, Instant occurredAt, Instant recordedAt, String recordedBy,
			String summary, String name, String choice, String text, String reason, Integer amends,
			List<Integer> amendedBy, LocalDate born) {

		/**
		 * @return whether the entry may be corrected by an amendment: a step the case
		 * manager recorded, not the report (the reporter's words stand as they wrote
		 * them), an amendment or a change of who has access
		 */
		public boolean amendable() {
			return this.step.amendable();
		}

		public String choiceText() {
			return this.step.choiceText(this.choice);
		}

	}

	/**
	 * A case as its manager reads it.
	 */
	public record CaseView(UUID id, String reference, Classification classification, Classification reportedAs,
			String adult, AdultKind adultKind, String organisation, boolean aboutHeadteacher, String raisedBy,
			Instant receivedAt, LocalDate occurredOn, String account, String source, String toldBy,
			List<String> children, String childrenDescribed, String childAtRisk, List<Entry> entries, LocalDate ladoDue,
			boolean ladoConsulted, boolean overdue, String outcome, boolean childrenHeldBack, boolean manager,
			List<Member> members, LocalDate born, Reduction reduction) {

		public boolean closed() {
			return this.outcome != null;
		}

		/**
		 * @return whether the case has been reduced to the minimum (false or malicious)
		 */
		public boolean reduced() {
			return this.reduction != null;
		}

		/**
		 * @return whether its manager may reduce it to the minimum now: closed as false
		 * or malicious, and not reduced yet
		 */
		public boolean reducible() {
			return this.manager && !reduced() && ("FALSE".equals(this.outcome) || "MALICIOUS".equals(this.outcome));
		}

		/**
		 * @return whether the entry's own text was removed when the case was reduced
		 */
		public boolean removedFrom(Entry entry) {
			return reduced() && entry.position() < this.reduction.position();
		}

		public String outcomeText() {
			return CaseStep.OUTCOME.choiceText(this.outcome);
		}

		/**
		 * @return when the LADO was first consulted, as recorded, or null if not yet
		 */
		public Instant ladoConsultedAt() {
			return this.entries.stream()
				.filter((entry) -> entry.step() == CaseStep.LADO_CONSULTED)
				.map(Entry::occurredAt)
				.min(Instant::compareTo)
				.orElse(null);
		}

		/**
		 * KCSIE Part 4: within one working day of receipt.
		 * @return whether the LADO was consulted by the end of the day it was due
		 * (always, for a case with no LADO clock)
		 */
		public boolean ladoInTime() {
			Instant consulted = ladoConsultedAt();
			return this.ladoDue == null || consulted == null
					|| !consulted.atZone(SchoolTime.ZONE).toLocalDate().isAfter(this.ladoDue);
		}

	}

	/**
	 * A false or malicious case reduced to the minimum: when, by whom, its entry on the
	 * timeline and the outcome that allowed it.
	 */
	public record Reduction(String by, Instant at, int position, String outcome) {

		/**
		 * @return what each removed text says in its place
		 */
		public String notice() {
			return "Removed on "
					+ java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK)
						.format(this.at.atZone(SchoolTime.ZONE))
					+ " by " + this.by + ": "
					+ CaseStep.OUTCOME.choiceText(this.outcome).toLowerCase(java.util.Locale.UK)
					+ " allegation, kept to the minimum";
		}

	}

	/**
	 * A member of staff the case manager added to a case.
	 */
	public record Member(UUID id, String name) {
	}

	/**
	 * Opens a case for its manager, and records that they did.
	 * @return the case, or empty if it does not exist for them (they are not its case
	 * manager, or it is about them)
	 */
	@Transactional
	@PreAuthorize(MANAGER_ROLES)
	public Optional<CaseView> open(HavenUser manager, UUID id) {
		Optional<CaseView> found = read(manager, id);
		found.ifPresent((view) -> this.jdbc
			.sql("insert into allegation_viewing (allegation_id, staff_id, viewed_at) values (?, ?, ?)")
			.params(id, manager.id(), Timestamp.from(this.clock.instant()))
			.update());
		return found;
	}

	/**
	 * @return the case, or empty if it does not exist for them; not recorded as opened (a
	 * form on the case shows it again)
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(MANAGER_ROLES)
	public Optional<CaseView> read(HavenUser manager, UUID id) {
		record Report(String reference, String classification, String reportedAs, String adult, String kind,
				String organisation, boolean aboutHead, String raisedBy, Instant received, LocalDate occurred,
				String account, String source, String toldBy, String described, String risk, boolean manager) {
		}
		Optional<Report> report = this.named.query(
				"""
						select a.reference, %s, a.classification, coalesce(s.name, a.subject_name), a.subject_kind,
						a.subject_organisation, a.about_headteacher, r.name, a.recorded_at, a.occurred_on, a.account,
						a.source, a.told_by, a.children_described, a.child_at_risk, %s
						from allegation a left join staff_name s on s.id = a.subject_staff_id
						join staff_name r on r.id = a.raised_by
						where a.id = :id and %s""".formatted(CURRENT_CLASSIFICATION,
						NeedToKnow.caseManagerIsViewer("a"), NeedToKnow.caseManaged("a")),
				NeedToKnow.parameters(manager).addValue("id", id),
				(row, number) -> new Report(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
						row.getString(5), row.getString(6), row.getBoolean(7), row.getString(8),
						row.getTimestamp(9).toInstant(), row.getObject(10, LocalDate.class), row.getString(11),
						row.getString(12), row.getString(13), row.getString(14), row.getString(15), row.getBoolean(16)))
			.stream()
			.findFirst();
		if (report.isEmpty()) {
			return Optional.empty();
		}
		Report found = report.get();
		List<String> children = new ArrayList<>();
		boolean[] heldBack = { false };
		this.jdbc.sql("""
				select p.display_name, exists (select 1 from allegation_child_entry w
				where w.allegation_id = c.allegation_id and w.pupil_id = c.pupil_id)
				from allegation_child c join pupil_name p on p.id = c.pupil_id
				where c.allegation_id = ? order by p.legal_surname, p.display_name""")
			.param(id)
			.query((row, number) -> {
				children.add(row.getString(1));
				heldBack[0] |= !row.getBoolean(2);
				return 1;
			})
			.list();
		List<Entry> entries = entries(id);
		Classification classification = Classification.valueOf(found.classification());
		boolean consulted = entries.stream().anyMatch((entry) -> entry.step() == CaseStep.LADO_CONSULTED);
		String outcome = entries.stream()
			.filter((entry) -> entry.step() == CaseStep.OUTCOME)
			.reduce((first, second) -> second)
			.map(Entry::choice)
			.orElse(null);
		LocalDate due = ladoDue(classification, found.received());
		return Optional.of(new CaseView(id, found.reference(), classification,
				Classification.valueOf(found.reportedAs()), found.adult(), AdultKind.valueOf(found.kind()),
				found.organisation(), found.aboutHead(), found.raisedBy(), found.received(), found.occurred(),
				found.account(), found.source(), found.toldBy(), children, found.described(), found.risk(), entries,
				due, consulted, overdue(due, consulted, outcome), outcome, heldBack[0], found.manager(), members(id),
				entries.stream()
					.filter((entry) -> entry.step() == CaseStep.ADULT_BORN)
					.reduce((first, second) -> second)
					.map(Entry::born)
					.orElse(null),
				entries.stream()
					.filter((entry) -> entry.step() == CaseStep.REDUCED)
					.findFirst()
					.map((entry) -> new Reduction(entry.recordedBy(), entry.recordedAt(), entry.position(),
							entry.choice()))
					.orElse(null)));
	}

	/**
	 * What the case manager records: when it happened (null for now), a name, a choice
	 * and an account, as the step asks.
	 */
	public record StepRecord(Instant occurredAt, String name, String choice, String text) {
	}

	/**
	 * Adds a step to a case's timeline.
	 * @throws NotFound if the case does not exist for this person
	 * @throws IllegalArgumentException if the case is closed and the step is not a note
	 * or a referral, or a reclassification changes nothing
	 */
	@Transactional
	@PreAuthorize(MANAGER_ROLES)
	public void record(HavenUser manager, UUID id, CaseStep step, StepRecord record) {
		CaseView view = read(manager, id).orElseThrow(NotFound::new);
		if (!step.offered()) {
			throw new IllegalArgumentException("Not a step recorded this way");
		}
		if (view.reduced()) {
			throw new IllegalArgumentException(REDUCED_REFUSAL);
		}
		if (view.closed() && step != CaseStep.NOTE && step != CaseStep.REFERRAL) {
			throw new IllegalArgumentException("The case is closed: record a note or a referral instead");
		}
		if (step == CaseStep.RECLASSIFIED && view.classification().name().equals(record.choice())) {
			throw new IllegalArgumentException("It is already " + view.classification().label().toLowerCase());
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant occurred = (record.occurredAt() != null) ? record.occurredAt().truncatedTo(ChronoUnit.MICROS) : now;
		Map<String, String> details = new LinkedHashMap<>();
		if (record.name() != null) {
			details.put("name", record.name());
		}
		if (record.choice() != null) {
			details.put("choice", record.choice());
		}
		if (record.text() != null) {
			details.put("text", record.text());
		}
		String summary = step.label() + ((record.choice() != null) ? ": " + step.choiceText(record.choice()) : "");
		append(id, manager.id(), step, occurred, now, summary, null, details);
		if (step == CaseStep.OUTCOME) {
			tellChronologies(id, manager.schoolId(), manager.id(), true);
		}
	}

	/**
	 * Corrects an entry of a case's timeline with a new entry beside it: the original
	 * stays as it was recorded, and both are in the chain.
	 * @throws NotFound if the case, or the entry on it, does not exist for this person
	 * @throws IllegalArgumentException if the entry may not be amended
	 */
	@Transactional
	@PreAuthorize(MANAGER_ROLES)
	public void amend(HavenUser manager, UUID id, UUID entryId, String reason, String corrected) {
		CaseView view = read(manager, id).orElseThrow(NotFound::new);
		Entry original = view.entries()
			.stream()
			.filter((entry) -> entry.id().equals(entryId))
			.findFirst()
			.orElseThrow(NotFound::new);
		if (!original.amendable() || view.reduced()) {
			throw new IllegalArgumentException("This entry cannot be amended");
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("reason", reason);
		details.put("text", corrected);
		append(id, manager.id(), CaseStep.AMENDMENT, now, now,
				"Amendment to entry " + original.position() + ": " + original.step().label(), entryId, details);
	}

	/**
	 * @return the case's entry, or empty if the case or the entry does not exist for this
	 * person
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(MANAGER_ROLES)
	public Optional<Entry> entry(HavenUser manager, UUID id, UUID entryId) {
		return read(manager, id)
			.flatMap((view) -> view.entries().stream().filter((entry) -> entry.id().equals(entryId)).findFirst());
	}

	/**
	 * @return the members of staff the case manager may add to the case: active, on
	 * cases, not the adult it is about, not the manager and not already added (empty for
	 * anyone but the case manager)
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(MANAGER_ROLES)
	public List<StaffMember> addable(HavenUser manager, UUID id) {
		CaseView view = read(manager, id).orElseThrow(NotFound::new);
		if (!view.manager()) {
			return List.of();
		}
		UUID subject = subjectOf(id);
		Set<UUID> members = view.members().stream().map(Member::id).collect(Collectors.toSet());
		return this.staff.actionOwners(manager.schoolId())
			.stream()
			.filter((member) -> !member.id().equals(subject) && !member.id().equals(manager.id())
					&& !members.contains(member.id()))
			.toList();
	}

	/**
	 * The case manager adds a named member of staff to a case, who then reads it and
	 * records on it (never the adult it is about); recorded on the timeline with why.
	 * @throws NotFound if the case does not exist for this person, or they are not its
	 * manager
	 * @throws InvalidAllegationException if the person may not be added
	 */
	@Transactional
	@PreAuthorize(MANAGER_ROLES)
	public void giveAccess(HavenUser manager, UUID id, UUID staffId, String reason) {
		StaffMember added = addable(manager, id).stream()
			.filter((member) -> member.id().equals(staffId))
			.findFirst()
			.orElseThrow(() -> new InvalidAllegationException("staffId",
					"Choose a member of staff from the list: never the adult the case is about"));
		changeAccess(manager, id, added.id(), true);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("name", added.name());
		details.put("staff", added.id().toString());
		details.put("text", reason);
		append(id, manager.id(), CaseStep.ACCESS_GIVEN, now, now, "Access given to " + added.name(), null, details);
	}

	/**
	 * The case manager removes someone they added; recorded on the timeline.
	 * @throws NotFound if the case does not exist for this person, they are not its
	 * manager, or the person has no access to remove
	 */
	@Transactional
	@PreAuthorize(MANAGER_ROLES)
	public void removeAccess(HavenUser manager, UUID id, UUID staffId) {
		CaseView view = read(manager, id).orElseThrow(NotFound::new);
		Member removed = view.members()
			.stream()
			.filter((member) -> member.id().equals(staffId))
			.findFirst()
			.filter((member) -> view.manager())
			.orElseThrow(NotFound::new);
		changeAccess(manager, id, removed.id(), false);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("name", removed.name());
		details.put("staff", removed.id().toString());
		append(id, manager.id(), CaseStep.ACCESS_REMOVED, now, now, "Access removed from " + removed.name(), null,
				details);
	}

	private void changeAccess(HavenUser manager, UUID id, UUID staffId, boolean given) {
		this.jdbc.sql("""
				insert into allegation_access (allegation_id, staff_id, given, changed_by, changed_at)
				values (?, ?, ?, ?, ?)""")
			.params(id, staffId, given, manager.id(), Timestamp.from(this.clock.instant()))
			.update();
	}

	private UUID subjectOf(UUID id) {
		return this.jdbc.sql("select subject_staff_id from allegation where id = ?")
			.param(id)
			.query((row, number) -> row.getObject(1, UUID.class))
			.single();
	}

	/**
	 * Tells each child's chronology that a concern about an adult was raised and who
	 * manages it, never who it is about: what the DSL team needs to see the whole picture
	 * of a child. While the adult is in the DSL team the entry is held back (it would
	 * tell them), and written when the case closes. Written once for each child.
	 * @param closing whether the case is closing now
	 */
	private void tellChronologies(UUID id, UUID school, UUID by, boolean closing) {
		record Child(UUID pupil, boolean heldBack, String reference, Instant received, boolean aboutHead) {
		}
		List<Child> children = this.named.query("""
				select c.pupil_id, %s, a.reference, a.recorded_at, a.about_headteacher
				from allegation_child c join allegation a on a.id = c.allegation_id
				where c.allegation_id = :id and not exists (select 1 from allegation_child_entry w
				where w.allegation_id = c.allegation_id and w.pupil_id = c.pupil_id) order by c.pupil_id
				""".formatted(NeedToKnow.subjectInDslTeam("a")), new MapSqlParameterSource("id", id),
				(row, number) -> new Child(row.getObject(1, UUID.class), row.getBoolean(2), row.getString(3),
						row.getTimestamp(4).toInstant(), row.getBoolean(5)));
		if (children.isEmpty() || (!closing && children.get(0).heldBack())) {
			return;
		}
		Child first = children.get(0);
		boolean chair = first.aboutHead() || this.staff.holderOf(school, Role.HEADTEACHER).isEmpty();
		String summary = "A concern about an adult was raised (" + first.reference() + "), managed by "
				+ (chair ? "the chair of governors" : "the headteacher");
		for (Child child : children) {
			UUID entry = this.chronology
				.record(NewEntry.of(school, child.pupil(), EntryKind.ADULT_CONCERN, first.received(), by, summary)
					.withBody("Who it is about and what was reported are held by the case manager, not in this "
							+ "chronology. Ask them if the child needs support."));
			this.jdbc.sql("insert into allegation_child_entry (allegation_id, pupil_id, entry_id) values (?, ?, ?)")
				.params(id, child.pupil(), entry)
				.update();
		}
	}

	/**
	 * For the demo school's seeding: a step named as its address names it.
	 */
	@Transactional
	@PreAuthorize(MANAGER_ROLES)
	public void recordDemo(HavenUser manager, UUID id, String slug, Instant occurredAt, String name, String choice,
			String text) {
		record(manager, id, CaseStep.ofSlug(slug), new StepRecord(occurredAt, name, choice, text));
	}

	/**
	 * @return the position of the first entry whose hash does not match what it holds
	 * (changed, removed or reordered), or empty when the whole chain holds
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(MANAGER_ROLES)
	public Optional<Integer> verify(HavenUser manager, UUID id) {
		read(manager, id).orElseThrow(NotFound::new);
		return verify(id);
	}

	/** An entry of a case's timeline as stored, for checking its chain. */
	private record Stored(UUID id, int position, String kind, Instant occurred, Instant recorded, UUID by,
			String summary, UUID amends, byte[] previous, byte[] hash) {
	}

	private List<Stored> stored(UUID id) {
		return this.jdbc.sql("""
				select id, position, kind, occurred_at, recorded_at, recorded_by, summary, amends, previous_hash, hash
				from allegation_entry where allegation_id = ? order by position""")
			.param(id)
			.query((row, number) -> new Stored(row.getObject(1, UUID.class), row.getInt(2), row.getString(3),
					row.getTimestamp(4).toInstant(), row.getTimestamp(5).toInstant(), row.getObject(6, UUID.class),
					row.getString(7), row.getObject(8, UUID.class), row.getBytes(9), row.getBytes(10)))
			.list();
	}

	/**
	 * Walks the chain. Once a case is reduced to the minimum, each entry before the
	 * reduction is checked against the digest of what stays of it, which the reduction's
	 * own entry holds (and the chain from there covers); the report against the digest of
	 * its first entry's report digest and what stays of the report.
	 */
	private Optional<Integer> verify(UUID id) {
		List<Stored> stored = stored(id);
		Map<UUID, Map<String, String>> details = details(id);
		Stored reduction = stored.stream()
			.filter((entry) -> entry.kind().equals(CaseStep.REDUCED.name()))
			.findFirst()
			.orElse(null);
		Map<String, String> kept = (reduction != null) ? details.getOrDefault(reduction.id(), Map.of()) : Map.of();
		byte[] previous = null;
		int expected = 1;
		for (Stored entry : stored) {
			Map<String, String> own = details.getOrDefault(entry.id(), Map.of());
			boolean received = entry.kind().equals(CaseStep.RECEIVED.name());
			boolean holds;
			if (reduction != null && entry.position() < reduction.position()) {
				holds = CaseHash
					.kept(entry.hash(), entry.previous(), id, entry.position(), entry.kind(), entry.occurred(),
							entry.recorded(), entry.by(), entry.summary(), entry.amends(), own)
					.equals(kept.get("kept-" + entry.position()))
						&& (!received
								|| CaseHash.report(own.get("report"), reportDigest(id)).equals(kept.get("report")));
			}
			else {
				byte[] hash = CaseHash.of(previous, id, entry.position(), entry.kind(), entry.occurred(),
						entry.recorded(), entry.by(), entry.summary(), entry.amends(), own);
				holds = Arrays.equals(hash, entry.hash()) && (!received || reportDigest(id).equals(own.get("report")));
			}
			if (entry.position() != expected || !Arrays.equals(previous, entry.previous()) || !holds) {
				return Optional.of(expected);
			}
			previous = entry.hash();
			expected++;
		}
		return Optional.empty();
	}

	/**
	 * What a case's manager is told when they try to record on a case reduced to the
	 * minimum.
	 */
	static final String REDUCED_REFUSAL = "This case has been reduced to the minimum: nothing more is recorded on it";

	/** The texts of a timeline entry's details removed when a case is reduced. */
	private static final List<String> REMOVED_DETAILS = List.of("text", "name", "reason", "born");

	/**
	 * KCSIE Part 4: a false or malicious allegation is removed from the adult's personnel
	 * records, and Haven keeps the minimum needed to show it was handled. Removes the
	 * free text of the report (what happened, who told them, the children described) and
	 * of every entry of the timeline (accounts, advice, reasons, names of people not on
	 * Haven, the adult's date of birth); keeps the reference, the dates, who handled it,
	 * the steps and their dates, the outcome and its date. Recorded first (the database
	 * allows the removal only then), then removed, then a timeline entry that holds the
	 * digest of what stays of each entry, so the chain still verifies.
	 * @throws NotFound if the case does not exist for this person, or they are not its
	 * manager
	 * @throws IllegalArgumentException if its outcome is not false or malicious, or it
	 * was reduced already
	 * @throws IllegalStateException if its timeline does not verify (nothing is removed)
	 */
	@Transactional
	@PreAuthorize(MANAGER_ROLES)
	public void reduce(HavenUser manager, UUID id) {
		CaseView view = read(manager, id).filter(CaseView::manager).orElseThrow(NotFound::new);
		if (!view.reducible()) {
			throw new IllegalArgumentException(
					"Only a case closed as false or malicious is reduced to the minimum, and only once");
		}
		this.jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
			.params(TIMELINE_LOCK, id.toString())
			.query((row, number) -> 1)
			.list();
		if (verify(id).isPresent()) {
			throw new IllegalStateException("The timeline has been altered: nothing was removed. "
					+ "Tell the school's IT lead and keep the case as it is.");
		}
		List<Stored> stored = stored(id);
		Map<UUID, Map<String, String>> details = details(id);
		Stored outcome = stored.stream()
			.filter((entry) -> entry.kind().equals(CaseStep.OUTCOME.name()))
			.reduce((first, second) -> second)
			.orElseThrow();
		Map<String, String> reduction = new LinkedHashMap<>();
		reduction.put("choice", view.outcome());
		for (Stored entry : stored) {
			Map<String, String> staying = new HashMap<>(details.getOrDefault(entry.id(), Map.of()));
			REMOVED_DETAILS.forEach(staying::remove);
			reduction.put("kept-" + entry.position(),
					CaseHash.kept(entry.hash(), entry.previous(), id, entry.position(), entry.kind(), entry.occurred(),
							entry.recorded(), entry.by(), entry.summary(), entry.amends(), staying));
			if (entry.kind().equals(CaseStep.RECEIVED.name())) {
				List<String> fields = reportFields(id);
				for (int removed : REMOVED_REPORT_FIELDS) {
					fields.set(removed, null);
				}
				reduction.put("report", CaseHash.report(details.get(entry.id()).get("report"),
						CaseHash.report(fields.toArray(String[]::new))));
			}
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		this.jdbc.sql("""
				insert into allegation_redaction (allegation_id, outcome_entry_id, redacted_by, redacted_at)
				values (?, ?, ?, ?)""").params(id, outcome.id(), manager.id(), Timestamp.from(now)).update();
		this.jdbc.sql("update allegation set account = null, told_by = null, children_described = null where id = ?")
			.param(id)
			.update();
		this.jdbc.sql("""
				update allegation_entry set details = details - array['text', 'name', 'reason', 'born']
				where allegation_id = ? and jsonb_exists_any(details, array['text', 'name', 'reason', 'born'])""")
			.param(id)
			.update();
		append(id, manager.id(), CaseStep.REDUCED, now, now,
				"Reduced to the minimum: "
						+ CaseStep.OUTCOME.choiceText(view.outcome()).toLowerCase(java.util.Locale.UK) + " allegation",
				null, reduction);
	}

	/**
	 * The report's fields removed when a case is reduced: account, told_by,
	 * children_described.
	 */
	private static final int[] REMOVED_REPORT_FIELDS = { 10, 12, 13 };

	private void append(UUID id, UUID by, CaseStep step, Instant occurred, Instant recorded, String summary,
			UUID amends, Map<String, String> details) {
		this.jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
			.params(TIMELINE_LOCK, id.toString())
			.query((row, number) -> 1)
			.list();
		record Head(int position, byte[] hash) {
		}
		Head head = this.jdbc
			.sql("select position, hash from allegation_entry where allegation_id = ? order by position desc limit 1")
			.param(id)
			.query((row, number) -> new Head(row.getInt(1), row.getBytes(2)))
			.optional()
			.orElse(new Head(0, null));
		int position = head.position() + 1;
		byte[] hash = CaseHash.of(head.hash(), id, position, step.name(), occurred, recorded, by, summary, amends,
				details);
		this.jdbc
			.sql("""
					insert into allegation_entry (id, allegation_id, position, kind, occurred_at, recorded_at, recorded_by,
					summary, details, amends, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)""")
			.params(UUID.randomUUID(), id, position, step.name(), Timestamp.from(occurred), Timestamp.from(recorded),
					by, summary, json(details), amends, head.hash(), hash)
			.update();
	}

	private List<Entry> entries(UUID id) {
		Map<UUID, Map<String, String>> details = details(id);
		record Row(UUID id, int position, CaseStep step, Instant occurred, Instant recorded, String by, String summary,
				UUID amends) {
		}
		List<Row> rows = this.jdbc.sql("""
				select e.id, e.position, e.kind, e.occurred_at, e.recorded_at, s.name, e.summary, e.amends
				from allegation_entry e join staff_name s on s.id = e.recorded_by
				where e.allegation_id = ? order by e.position""")
			.param(id)
			.query((row, number) -> new Row(row.getObject(1, UUID.class), row.getInt(2),
					CaseStep.valueOf(row.getString(3)), row.getTimestamp(4).toInstant(),
					row.getTimestamp(5).toInstant(), row.getString(6), row.getString(7), row.getObject(8, UUID.class)))
			.list();
		Map<UUID, Integer> positions = new HashMap<>();
		Map<UUID, List<Integer>> amendedBy = new HashMap<>();
		for (Row row : rows) {
			positions.put(row.id(), row.position());
			if (row.amends() != null) {
				amendedBy.computeIfAbsent(row.amends(), (key) -> new ArrayList<>()).add(row.position());
			}
		}
		return rows.stream().map((row) -> {
			Map<String, String> own = details.getOrDefault(row.id(), Map.of());
			return new Entry(row.id(), row.position(), row.step(), row.occurred(), row.recorded(), row.by(),
					row.summary(), own.get("name"), own.get("choice"), own.get("text"), own.get("reason"),
					(row.amends() != null) ? positions.get(row.amends()) : null,
					amendedBy.getOrDefault(row.id(), List.of()),
					(own.get("born") != null) ? LocalDate.parse(own.get("born")) : null);
		}).toList();
	}

	private List<Member> members(UUID id) {
		return this.jdbc.sql("""
				select s.id, s.name from staff_name s where s.id in
				(select g.staff_id from allegation_access g where g.allegation_id = ?) and case_member(?, s.id)
				order by s.name""")
			.params(id, id)
			.query((row, number) -> new Member(row.getObject(1, UUID.class), row.getString(2)))
			.list();
	}

	private Map<UUID, Map<String, String>> details(UUID id) {
		Map<UUID, Map<String, String>> details = new HashMap<>();
		this.jdbc.sql("""
				select e.id, d.key, d.value from allegation_entry e cross join lateral jsonb_each_text(e.details) d
				where e.allegation_id = ?""").param(id).query((row, number) -> {
			details.computeIfAbsent(row.getObject(1, UUID.class), (key) -> new HashMap<>())
				.put(row.getString(2), row.getString(3));
			return 1;
		}).list();
		return details;
	}

	/**
	 * @return the digest of the report as stored, with its children, which the first
	 * entry of its timeline holds
	 */
	private String reportDigest(UUID id) {
		return CaseHash.report(reportFields(id).toArray(String[]::new));
	}

	/**
	 * @return the report's fields as its digest reads them, in order
	 */
	private List<String> reportFields(UUID id) {
		List<String> fields = new ArrayList<>(this.jdbc.sql("""
				select reference, raised_by::text, recorded_at, subject_staff_id::text, subject_name, subject_kind,
				subject_organisation, about_headteacher::text, classification, occurred_on::text, account, source,
				told_by, children_described, child_at_risk from allegation where id = ?""")
			.param(id)
			.query((row, number) -> {
				List<String> values = new ArrayList<>();
				for (int column = 1; column <= 15; column++) {
					values.add((column == 3) ? row.getTimestamp(3).toInstant().toString() : row.getString(column));
				}
				return values;
			})
			.single());
		fields.add(this.jdbc.sql("select pupil_id::text from allegation_child where allegation_id = ? order by 1")
			.param(id)
			.query(String.class)
			.list()
			.stream()
			.collect(Collectors.joining(",")));
		return fields;
	}

	/**
	 * KCSIE Part 4: an allegation is discussed with the LADO within one working day of
	 * being received: by the end of the first working day after.
	 * @return the last day for it, or null for a low-level concern
	 */
	static LocalDate ladoDue(Classification classification, Instant received) {
		if (classification != Classification.ALLEGATION) {
			return null;
		}
		return EnglandBankHolidays.nextWorkingDay(received.atZone(SchoolTime.ZONE).toLocalDate());
	}

	private boolean overdue(LocalDate due, boolean consulted, String outcome) {
		return due != null && !consulted && outcome == null
				&& LocalDate.now(this.clock.withZone(SchoolTime.ZONE)).isAfter(due);
	}

	private static String json(Map<String, String> details) {
		return details.entrySet()
			.stream()
			.map((entry) -> quote(entry.getKey()) + ":" + quote(entry.getValue()))
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char character : text.toCharArray()) {
			switch (character) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (character < 0x20) {
						quoted.append(String.format("\\u%04x", (int) character));
					}
					else {
						quoted.append(character);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
