package org.haven.concerns;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.actions.FollowUpActions;
import org.haven.audit.AuditTrail;
import org.haven.chronology.Chronology;
import org.haven.chronology.Detail;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.system.SchoolTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DSL's triage of a concern (KCSIE): a risk level, a decision and the rationale for
 * it, including whether a referral was made and why not if not. Screening, closing and
 * reopening are rows of their own and entries on each named child's chronology; what the
 * member of staff wrote is never touched. A concern's status is its latest step.
 */
@Service
public class ConcernScreening {

	/** Where a concern stands. */
	public enum Status {

		NEW("New"), SCREENED("Screened"), CLOSED("Closed"), REOPENED("Reopened");

		private final String label;

		Status(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

		/**
		 * @return whether it waits for the DSL team to screen it
		 */
		public boolean awaitsScreening() {
			return this == NEW || this == REOPENED;
		}

	}

	static final Map<String, String> RISK_LEVELS = ordered("LOW", "Low", "MEDIUM", "Medium", "HIGH", "High");

	static final Map<String, String> DECISIONS = ordered("NO_FURTHER_ACTION", "No further action", "MONITOR",
			"Monitor in school", "EARLY_HELP", "Early help", "CHILDRENS_SOCIAL_CARE",
			"Referral to children’s social care", "POLICE", "Referral to the police", "LADO", "Referral to the LADO",
			"OTHER", "Other");

	/** Decisions that are themselves a referral. */
	static final Set<String> REFERRALS = Set.of("CHILDRENS_SOCIAL_CARE", "POLICE", "LADO");

	static final Map<String, String> CONTACTS = ordered("CONTACTED", "Contacted now", "TO_CONTACT",
			"To be contacted (an action is added for you)", "NOT_CONTACTING", "Not contacting them");

	private final JdbcClient jdbc;

	private final ConcernReader reader;

	private final ConcernLog log;

	private final Chronology chronology;

	private final FollowUpActions actions;

	private final AuditTrail audit;

	private final Clock clock;

	ConcernScreening(JdbcClient jdbc, ConcernReader reader, ConcernLog log, Chronology chronology,
			FollowUpActions actions, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.reader = reader;
		this.log = log;
		this.chronology = chronology;
		this.actions = actions;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * What the DSL decided.
	 *
	 * @param riskLevel LOW, MEDIUM or HIGH
	 * @param decision one of {@link #DECISIONS}
	 * @param referralMade whether a referral was made
	 * @param rationale why
	 * @param noReferralReason why no referral was made, when none was
	 * @param contacts for a concern naming several children, what was decided about
	 * telling each child's parents or carers
	 */
	public record Decision(String riskLevel, String decision, boolean referralMade, String rationale,
			String noReferralReason, Map<UUID, Contact> contacts) {
	}

	/**
	 * Telling one child's parents or carers.
	 *
	 * @param decision CONTACTED, TO_CONTACT or NOT_CONTACTING
	 * @param note who was told and how, who will, or why not
	 */
	public record Contact(String decision, String note) {
	}

	@Transactional(readOnly = true)
	public Status status(UUID concernId) {
		return this.jdbc.sql("select step from concern_state where concern_id = ?")
			.param(concernId)
			.query(String.class)
			.optional()
			.map(Status::valueOf)
			.orElse(Status.NEW);
	}

	/**
	 * Screens a new or reopened concern: one row, and a "screening decision" entry on
	 * each child's chronology. For a concern naming several children, what was decided
	 * about each child's parents or carers is recorded too: a communication entry for
	 * those contacted now, an action for the screener for those still to be contacted.
	 * @return whether the concern was the person's to screen and awaited screening
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public boolean screen(HavenUser by, UUID concernId, Decision decision) {
		if (!this.reader.mayReadAsTeam(by, concernId) || !status(concernId).awaitsScreening()) {
			return false;
		}
		List<UUID> pupils = List.copyOf(this.log.pupilsOf(concernId));
		if (pupils.size() > 1 && !decision.contacts().keySet().containsAll(pupils)) {
			throw new IllegalArgumentException("Say what was decided for each child's parents or carers");
		}
		UUID id = step(by, concernId, "SCREENED", decision.riskLevel(), decision.decision(), decision.referralMade(),
				decision.rationale(), decision.referralMade() ? null : decision.noReferralReason(), null);
		String reference = reference(concernId);
		Set<UUID> categories = this.log.categoriesOf(concernId);
		Instant now = this.clock.instant();
		for (UUID pupil : pupils) {
			List<Detail> details = new ArrayList<>(
					List.of(new Detail("riskLevel", "Risk level", RISK_LEVELS.get(decision.riskLevel())),
							new Detail("decision", "Decision", DECISIONS.get(decision.decision())),
							new Detail("referralMade", "Referral made", decision.referralMade() ? "Yes" : "No")));
			if (!decision.referralMade()) {
				details.add(new Detail("noReferralReason", "Why no referral", decision.noReferralReason()));
			}
			Contact contact = decision.contacts().get(pupil);
			if (pupils.size() > 1 && contact != null) {
				this.jdbc.sql(
						"insert into concern_parent_contact (screening_id, pupil_id, decision, note) values (?, ?, ?, ?)")
					.params(id, pupil, contact.decision(), contact.note())
					.update();
				details.add(new Detail("parents", "Parents or carers",
						CONTACTS.get(contact.decision()) + ": " + contact.note()));
			}
			this.chronology.record(NewEntry
				.of(by.schoolId(), pupil, EntryKind.SCREENING_DECISION, now, by.id(),
						"Concern " + reference + " screened: " + DECISIONS.get(decision.decision()) + ", "
								+ RISK_LEVELS.get(decision.riskLevel()).toLowerCase(Locale.ROOT) + " risk")
				.withBody(decision.rationale())
				.withDetails(details)
				.withCategories(categories)
				.withLinks(NewEntry.Links.concern(concernId)));
			if (pupils.size() > 1 && contact != null && contact.decision().equals("CONTACTED")) {
				this.chronology.record(NewEntry
					.of(by.schoolId(), pupil, EntryKind.COMMUNICATION, now, by.id(),
							"Parents or carers told about concern " + reference)
					.withBody(contact.note())
					.withDetails(List.of(new Detail("withWhom", "With", "Parent or carer")))
					.withCategories(categories)
					.withLinks(NewEntry.Links.concern(concernId)));
			}
			if (pupils.size() > 1 && contact != null && contact.decision().equals("TO_CONTACT")) {
				this.actions.add(by, pupil, concernId,
						"Contact the parents or carers about concern " + reference + ": " + contact.note(), by.id(),
						LocalDate.now(this.clock.withZone(SchoolTime.ZONE)).plusDays(1));
			}
		}
		this.audit.record("CONCERN_SCREENED", "concern", concernId,
				reference + ": " + DECISIONS.getOrDefault(decision.decision(), decision.decision()));
		return true;
	}

	/**
	 * Closes a screened concern with its outcome and the rationale for closing.
	 * @return whether it was the person's to close and screened
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public boolean close(HavenUser by, UUID concernId, String outcome, String rationale) {
		if (!this.reader.mayReadAsTeam(by, concernId) || status(concernId) != Status.SCREENED) {
			return false;
		}
		step(by, concernId, "CLOSED", null, null, null, rationale, null, outcome);
		record(by, concernId, EntryKind.CONCERN_CLOSED, "closed", rationale,
				List.of(new Detail("outcome", "Outcome", outcome)));
		this.audit.record("CONCERN_CLOSED", "concern", concernId, reference(concernId));
		return true;
	}

	/**
	 * Reopens a closed concern, saying why; it then awaits screening again.
	 * @return whether it was the person's to reopen and closed
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public boolean reopen(HavenUser by, UUID concernId, String reason) {
		if (!this.reader.mayReadAsTeam(by, concernId) || status(concernId) != Status.CLOSED) {
			return false;
		}
		step(by, concernId, "REOPENED", null, null, null, reason, null, null);
		record(by, concernId, EntryKind.CONCERN_REOPENED, "reopened", reason, List.of());
		this.audit.record("CONCERN_REOPENED", "concern", concernId, reference(concernId));
		return true;
	}

	private UUID step(HavenUser by, UUID concernId, String step, String risk, String decision, Boolean referral,
			String rationale, String noReferralReason, String outcome) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into concern_screening (id, concern_id, step, risk_level, decision, referral_made, rationale,
				no_referral_reason, outcome, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, concernId, step, risk, decision, referral, rationale, noReferralReason, outcome, by.id(),
					Timestamp.from(this.clock.instant()))
			.update();
		this.jdbc.sql("""
				insert into concern_state (concern_id, step, changed_at) values (?, ?, ?)
				on conflict (concern_id) do update set step = excluded.step, changed_at = excluded.changed_at""")
			.params(concernId, step, Timestamp.from(this.clock.instant()))
			.update();
		return id;
	}

	private void record(HavenUser by, UUID concernId, EntryKind kind, String what, String body, List<Detail> details) {
		String reference = reference(concernId);
		Set<UUID> categories = this.log.categoriesOf(concernId);
		for (UUID pupil : this.log.pupilsOf(concernId)) {
			this.chronology.record(NewEntry
				.of(by.schoolId(), pupil, kind, this.clock.instant(), by.id(), "Concern " + reference + " " + what)
				.withBody(body)
				.withDetails(details)
				.withCategories(categories)
				.withLinks(NewEntry.Links.concern(concernId)));
		}
	}

	private String reference(UUID concernId) {
		return this.jdbc.sql("select reference from concern where id = ?")
			.param(concernId)
			.query(String.class)
			.single();
	}

	private static Map<String, String> ordered(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

}
