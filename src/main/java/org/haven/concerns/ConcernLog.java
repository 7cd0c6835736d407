package org.haven.concerns;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.accounts.StaffAccounts;
import org.haven.audit.AuditTrail;
import org.haven.chronology.Chronology;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.pupils.PupilDirectory;
import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;
import org.haven.system.SchoolTime;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logging concerns: the core job of Haven. A concern, one "concern raised" entry on each
 * named child's chronology, the DSL team's alerts and the audit event are committed
 * together or not at all (DESIGN.md §3.4), and a repeated submit of the same form never
 * makes a second concern.
 */
@Service
public class ConcernLog {

	/**
	 * Separates the lock on one form's submission from any other advisory lock in Haven.
	 */
	private static final int SUBMISSION_LOCK = 7303;

	/** When a body-map mark does not say which of the concern's children it is on. */
	static final String MARK_CHILD = "Choose which child this mark is on";

	private final JdbcClient jdbc;

	private final PupilDirectory pupils;

	private final SafeguardingCategories categories;

	private final StaffAccounts staff;

	private final Chronology chronology;

	private final ApplicationEventPublisher events;

	private final AuditTrail audit;

	private final Clock clock;

	ConcernLog(JdbcClient jdbc, PupilDirectory pupils, SafeguardingCategories categories, StaffAccounts staff,
			Chronology chronology, ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.pupils = pupils;
		this.categories = categories;
		this.staff = staff;
		this.chronology = chronology;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * What a submit led to.
	 *
	 * @param concernId the concern
	 * @param reference its reference
	 * @param repeated whether this submit repeated one already logged (nothing new was
	 * written)
	 */
	public record Logged(UUID concernId, String reference, boolean repeated) {
	}

	/**
	 * Logs a concern. The form's submission token is looked up here, once, under a lock
	 * on the token: a second submit of the same form (a double click, a retry) waits for
	 * the first to commit and then lands on the concern it logged, never on a second one.
	 * @param schoolId the school of the member of staff
	 * @param raisedBy the member of staff
	 * @param concern what they recorded, already checked field by field
	 * @return the concern logged, or the one this form already logged
	 * @throws InvalidConcernException if a pupil is not on roll, a category is not
	 * active, the time is in the future, or a body-map mark is not on one of the
	 * concern's children (when it names more than one, each mark must say)
	 * @throws FormAlreadySentException if someone else's concern was logged with this
	 * form's token (a form copied, or forged)
	 */
	@Transactional
	@PreAuthorize("hasRole('STAFF')")
	public Logged raise(UUID schoolId, UUID raisedBy, NewConcern concern) {
		this.jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
			.params(SUBMISSION_LOCK, concern.submissionToken().toString())
			.query((row, number) -> 1)
			.list();
		record Sent(UUID concernId, String reference, UUID raisedBy) {
		}
		Optional<Sent> earlier = this.jdbc
			.sql("select id, reference, raised_by from concern where submission_token = ?")
			.param(concern.submissionToken())
			.query((row, number) -> new Sent(row.getObject(1, UUID.class), row.getString(2),
					row.getObject(3, UUID.class)))
			.optional();
		if (earlier.isPresent()) {
			if (!earlier.get().raisedBy().equals(raisedBy)) {
				throw new FormAlreadySentException();
			}
			return new Logged(earlier.get().concernId(), earlier.get().reference(), true);
		}
		Instant now = this.clock.instant();
		check(schoolId, concern, now);
		// Read before the reference is taken: from then until commit every other submit
		// in the school waits for this one.
		List<ConcernRaised.Recipient> recipients = this.staff.alertRecipients(schoolId, concern.categoryIds())
			.stream()
			.map((member) -> new ConcernRaised.Recipient(member.id(), member.email()))
			.toList();
		String reference = nextReference(schoolId, now);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into concern (id, school_id, reference, raised_by, recorded_at, occurred_at, location,
				child_words, observed, others_present, passed_to, immediate_action, immediate_risk, submission_token)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, schoolId, reference, raisedBy, Timestamp.from(now), Timestamp.from(concern.occurredAt()),
					concern.location(), concern.childWords(), concern.observed(), concern.othersPresent(),
					concern.passedTo(), concern.immediateAction(), concern.immediateRisk(), concern.submissionToken())
			.update();
		// One statement each: the tables' triggers (the report facts, the tally) then run
		// once per submit, not once per child and per category, while the school's
		// reference counter is held.
		this.jdbc.sql("insert into concern_pupil (concern_id, pupil_id) select ?, unnest(?)")
			.params(id, concern.pupilIds().toArray(UUID[]::new))
			.update();
		if (!concern.categoryIds().isEmpty()) {
			this.jdbc.sql("insert into concern_category (concern_id, category_id) select ?, unnest(?)")
				.params(id, concern.categoryIds().toArray(UUID[]::new))
				.update();
		}
		int number = 0;
		for (BodyMark mark : concern.bodyMarks()) {
			// A concern about one child: every mark is on that child.
			UUID child = (mark.pupilId() != null) ? mark.pupilId() : concern.pupilIds().iterator().next();
			this.jdbc.sql("""
					insert into concern_body_mark (concern_id, number, view, x, y, region, note, pupil_id)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, ++number, mark.view(), mark.x(), mark.y(), mark.region(), mark.note(), child)
				.update();
		}
		for (UUID pupil : new TreeSet<>(concern.pupilIds())) {
			this.chronology.record(NewEntry
				.of(schoolId, pupil, EntryKind.CONCERN_RAISED, concern.occurredAt(), raisedBy,
						"Concern " + reference + " raised" + (concern.immediateRisk() ? " (urgent)" : ""))
				.withCategories(concern.categoryIds())
				.withLinks(NewEntry.Links.concern(id)));
		}
		this.events.publishEvent(new ConcernRaised(id, schoolId, reference, concern.immediateRisk(), recipients));
		this.audit.record("CONCERN_RAISED", "concern", id, reference + " about " + concern.pupilIds().size()
				+ ((concern.pupilIds().size() == 1) ? " pupil" : " pupils"));
		return new Logged(id, reference, false);
	}

	/**
	 * Adds further information to a concern its author logged: an addendum with its own
	 * time, and a "further information" entry on each child's chronology. What they first
	 * wrote is never changed.
	 * @return whether the concern is theirs (if not, nothing is written)
	 */
	@Transactional
	@PreAuthorize("hasRole('STAFF')")
	public boolean addFurtherInformation(UUID schoolId, UUID authorId, UUID concernId, String text) {
		Optional<String> reference = this.jdbc
			.sql("select reference from concern where id = ? and raised_by = ? and school_id = ?")
			.params(concernId, authorId, schoolId)
			.query(String.class)
			.optional();
		if (reference.isEmpty()) {
			return false;
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("insert into concern_addendum (id, concern_id, added_by, added_at, body) values (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), concernId, authorId, Timestamp.from(now), text)
			.update();
		Set<UUID> categoryIds = categoriesOf(concernId);
		for (UUID pupil : pupilsOf(concernId)) {
			this.chronology.record(NewEntry
				.of(schoolId, pupil, EntryKind.FURTHER_INFORMATION, now, authorId,
						"Further information added to concern " + reference.get())
				.withCategories(categoryIds)
				.withLinks(NewEntry.Links.concern(concernId)));
		}
		this.audit.record("CONCERN_INFORMATION_ADDED", "concern", concernId, reference.get());
		return true;
	}

	/**
	 * @return the children the concern names, in a stable order (the order their
	 * chronologies are written in, so that writers never wait on each other in a cycle)
	 */
	SortedSet<UUID> pupilsOf(UUID concernId) {
		return new TreeSet<>(this.jdbc.sql("select pupil_id from concern_pupil where concern_id = ?")
			.param(concernId)
			.query(UUID.class)
			.list());
	}

	Set<UUID> categoriesOf(UUID concernId) {
		return Set.copyOf(this.jdbc.sql("select category_id from concern_category where concern_id = ?")
			.param(concernId)
			.query(UUID.class)
			.list());
	}

	private void check(UUID schoolId, NewConcern concern, Instant now) {
		if (concern.pupilIds().isEmpty()
				|| !this.pupils.onRoll(schoolId, concern.pupilIds()).containsAll(concern.pupilIds())) {
			throw new InvalidConcernException("pupilIds", "Choose the children from the pupils on roll");
		}
		Set<UUID> active = this.categories.all()
			.stream()
			.filter(Category::active)
			.map(Category::id)
			.collect(Collectors.toSet());
		if (concern.categoryIds().isEmpty() || !active.containsAll(concern.categoryIds())) {
			throw new InvalidConcernException("categoryIds", "Choose categories from the list");
		}
		if (concern.occurredAt().isAfter(now)) {
			throw new InvalidConcernException("occurred", "When it happened must be in the past");
		}
		for (int i = 0; i < concern.bodyMarks().size(); i++) {
			UUID child = concern.bodyMarks().get(i).pupilId();
			if ((child == null) ? concern.pupilIds().size() > 1 : !concern.pupilIds().contains(child)) {
				throw new InvalidConcernException("marks[" + i + "].pupilId", MARK_CHILD);
			}
		}
	}

	/**
	 * The next number for the school and year, taken under the counter row's lock:
	 * concurrent submits queue here, and a submit that rolls back gives its number back,
	 * so references have no gaps.
	 */
	private String nextReference(UUID schoolId, Instant now) {
		// References are numbered by the calendar year in England.
		int year = now.atZone(SchoolTime.ZONE).getYear();
		int number = this.jdbc.sql("""
				insert into concern_reference_counter (school_id, year, last_number) values (?, ?, 1)
				on conflict (school_id, year) do update set last_number = concern_reference_counter.last_number + 1
				returning last_number""").params(schoolId, year).query(Integer.class).single();
		return String.format("C-%d-%05d", year, number);
	}

}
