package org.haven.chronology;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disclosures of a child's chronology outside the school. Each is recorded before
 * anything is produced, in one transaction with an "information shared" entry on the
 * chronology and an audit event, exactly once however often its form is sent; the PDF is
 * then made only against a disclosure its reader recorded for that child within the last
 * {@link #VALID_FOR}.
 */
@Service
public class ChronologyDisclosures {

	/** How long after recording it a disclosure may be used to produce the PDF. */
	public static final Duration VALID_FOR = Duration.ofHours(1);

	/** Separates the lock on one form's submission from any other advisory lock. */
	private static final int SUBMISSION_LOCK = 7304;

	private final JdbcClient jdbc;

	private final Chronology chronology;

	private final AuditTrail audit;

	private final Clock clock;

	ChronologyDisclosures(JdbcClient jdbc, Chronology chronology, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.chronology = chronology;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a disclosure: the record itself, an "information shared" entry on the
	 * child's chronology and an audit event. The form's token is looked up once, under a
	 * lock on it: a second submit of the same form lands on the disclosure it recorded.
	 * @return the disclosure, or empty if the person may not see this chronology
	 * @throws FormUsedException if the token recorded someone else's disclosure, or
	 * another child's
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public Optional<UUID> record(HavenUser by, UUID pupilId, Disclosure disclosure) {
		if (!this.chronology.mayView(by, pupilId)) {
			return Optional.empty();
		}
		this.jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
			.params(SUBMISSION_LOCK, disclosure.submissionToken().toString())
			.query((row, number) -> 1)
			.list();
		record Earlier(UUID id, UUID pupilId, UUID recordedBy) {
		}
		Optional<Earlier> earlier = this.jdbc
			.sql("select id, pupil_id, recorded_by from chronology_disclosure where submission_token = ?")
			.param(disclosure.submissionToken())
			.query((row, number) -> new Earlier(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
					row.getObject(3, UUID.class)))
			.optional();
		if (earlier.isPresent()) {
			if (!earlier.get().recordedBy().equals(by.id()) || !earlier.get().pupilId().equals(pupilId)) {
				throw new FormUsedException();
			}
			return Optional.of(earlier.get().id());
		}
		Instant now = this.clock.instant();
		List<Detail> details = new ArrayList<>();
		details.add(new Detail("what", "What was shared", "The chronology (PDF): " + disclosure.periodText()));
		details.add(new Detail("sharedWith", "Shared with", disclosure.recipientText()));
		details.add(new Detail("purpose", "Purpose", disclosure.purpose()));
		details.add(new Detail("lawfulBasis", "Lawful basis", disclosure.lawfulBasisText()));
		details.add(new Detail("childTold", "Child told", disclosure.childTold() ? "Yes" : "No"));
		if (disclosure.childToldNote() != null) {
			details.add(new Detail("childToldNote", "Why the child was not told", disclosure.childToldNote()));
		}
		UUID entry = this.chronology.record(
				NewEntry
					.of(by.schoolId(), pupilId, EntryKind.INFORMATION_SHARED, now, by.id(),
							"Chronology disclosed to " + disclosure.recipientText())
					.withDetails(details));
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into chronology_disclosure (id, school_id, pupil_id, entry_id, recorded_by, recorded_at, recipient,
					recipient_name, purpose, lawful_basis, period_from, period_to, child_told, child_told_note,
					submission_token) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, by.schoolId(), pupilId, entry, by.id(), Timestamp.from(now), disclosure.recipient(),
					disclosure.recipientName(), disclosure.purpose(), disclosure.lawfulBasis(),
					(disclosure.from() != null) ? Date.valueOf(disclosure.from()) : null,
					(disclosure.to() != null) ? Date.valueOf(disclosure.to()) : null, disclosure.childTold(),
					disclosure.childToldNote(), disclosure.submissionToken())
			.update();
		this.audit.record("CHRONOLOGY_DISCLOSED", "pupil", pupilId,
				"to " + disclosure.recipientText() + ", " + disclosure.periodText().toLowerCase());
		return Optional.of(id);
	}

	/**
	 * @return the disclosure, if the person recorded it for this child within the last
	 * {@link #VALID_FOR}
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public Optional<Disclosure.Recorded> recent(HavenUser by, UUID pupilId, UUID disclosureId) {
		return this.jdbc.sql("""
				select d.id, d.pupil_id, d.recorded_at, s.name, d.submission_token, d.recipient, d.recipient_name,
				d.purpose, d.lawful_basis, d.period_from, d.period_to, d.child_told, d.child_told_note
				from chronology_disclosure d join staff_name s on s.id = d.recorded_by
				where d.id = ? and d.pupil_id = ? and d.school_id = ? and d.recorded_by = ? and d.recorded_at > ?""")
			.params(disclosureId, pupilId, by.schoolId(), by.id(),
					Timestamp.from(this.clock.instant().minus(VALID_FOR)))
			.query((row, number) -> new Disclosure.Recorded(row.getObject("id", UUID.class),
					row.getObject("pupil_id", UUID.class), row.getTimestamp("recorded_at").toInstant(),
					row.getString("name"),
					new Disclosure(row.getObject("submission_token", UUID.class), row.getString("recipient"),
							row.getString("recipient_name"), row.getString("purpose"), row.getString("lawful_basis"),
							(row.getDate("period_from") != null) ? row.getDate("period_from").toLocalDate() : null,
							(row.getDate("period_to") != null) ? row.getDate("period_to").toLocalDate() : null,
							row.getBoolean("child_told"), row.getString("child_told_note"))))
			.optional();
	}

	/**
	 * Records that the PDF was produced against a disclosure, with the chain's state.
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public void exported(HavenUser by, Disclosure.Recorded disclosure, ChronologyRecord.Chain chain, int entries) {
		this.audit.record("CHRONOLOGY_EXPORTED", "pupil", disclosure.pupilId(),
				"PDF of " + entries + ((entries == 1) ? " entry" : " entries") + " for "
						+ disclosure.disclosure().recipientText() + "; chain "
						+ (chain.intact() ? "intact" : "broken at entry " + chain.verification().brokenAt()));
	}

	/**
	 * The form's token recorded someone else's disclosure (a form copied, or forged).
	 */
	static class FormUsedException extends RuntimeException {

		FormUsedException() {
			super("This form was already sent. Check the details and send it again.");
		}

	}

}
