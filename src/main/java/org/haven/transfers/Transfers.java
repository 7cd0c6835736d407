package org.haven.transfers;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.audit.AuditTrail;
import org.haven.chronology.Chronology;
import org.haven.chronology.Detail;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.pupils.Leaving;
import org.haven.pupils.PupilLeft;
import org.haven.school.SchoolDays;
import org.haven.school.TermDates;
import org.haven.system.SchoolTime;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transfers of children's files to their next schools, with the KCSIE clock: the file
 * goes "within 5 school days" of leaving (for a child leaving in a holiday or at the end
 * of a term, within the first 5 days of the next term: counting school days from the
 * leaving date gives both), and stays open until the receiving school confirms receipt.
 * Every step is a row of its own, a chronology entry and an audit event, in one
 * transaction. Only the DSL and deputies see transfers.
 */
@Service
public class Transfers {

	/** KCSIE: the file is transferred within 5 school days. */
	public static final int SCHOOL_DAYS = 5;

	private final JdbcClient jdbc;

	private final TermDates terms;

	private final Chronology chronology;

	private final AuditTrail audit;

	private final Clock clock;

	Transfers(JdbcClient jdbc, TermDates terms, Chronology chronology, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.terms = terms;
		this.chronology = chronology;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Opens a transfer when a pupil leaves for a named school, in the transaction that
	 * marks them as left.
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void opened(PupilLeft left) {
		Leaving leaving = left.leaving();
		if (leaving.destinationSchoolName() == null) {
			return;
		}
		LocalDate due = dueOn(left.schoolId(), leaving.leftOn());
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into transfer (id, school_id, pupil_id, opened_at, left_on, due_on, destination_name,
				destination_urn, destination_dsl_name, destination_dsl_email) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, left.schoolId(), left.pupilId(), Timestamp.from(this.clock.instant()),
					Date.valueOf(leaving.leftOn()), Date.valueOf(due), leaving.destinationSchoolName(),
					(leaving.destinationSchoolUrn() != null) ? leaving.destinationSchoolUrn().strip() : null,
					leaving.destinationDslName(), leaving.destinationDslEmail())
			.update();
		this.audit.record("TRANSFER_OPENED", "pupil", left.pupilId(),
				"to " + leaving.destinationSchoolName() + ", due " + due);
	}

	/**
	 * @return the day a file is due at the next school: 5 school days after the leaving
	 * date, by the school's term dates, bank holidays in England and weekends
	 */
	@Transactional(readOnly = true)
	public LocalDate dueOn(UUID schoolId, LocalDate leftOn) {
		SchoolDays days = this.terms.schoolDays(schoolId, leftOn, leftOn.plusYears(1));
		return days.plusSchoolDays(leftOn, SCHOOL_DAYS);
	}

	/**
	 * The open transfers (no confirmation of receipt yet), the most urgent first: for the
	 * dashboard and the transfers page. Two statements, however many there are.
	 * @param limit the most to list
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public List<Transfer> open(HavenUser reader, int limit) {
		return read(reader, """
				t.school_id = ? and not exists (select 1 from transfer_step r where r.transfer_id = t.id
				and r.kind = 'RECEIPT') order by t.due_on, t.opened_at limit ?""", reader.schoolId(), limit);
	}

	/**
	 * @return the child's transfers, newest first, or none if the reader may not see
	 * their chronology
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public List<Transfer> ofPupil(HavenUser reader, UUID pupilId) {
		if (!this.chronology.mayView(reader, pupilId)) {
			return List.of();
		}
		return read(reader, "t.school_id = ? and t.pupil_id = ? order by t.opened_at desc", reader.schoolId(), pupilId);
	}

	/**
	 * @return whether the reader may see the child's transfers (as their chronology)
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public boolean mayView(HavenUser reader, UUID pupilId) {
		return this.chronology.mayView(reader, pupilId);
	}

	/**
	 * @return the transfer, if it is one of the reader's school and they may see the
	 * child's chronology
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public Optional<Transfer> find(HavenUser reader, UUID pupilId, UUID transferId) {
		return ofPupil(reader, pupilId).stream().filter((transfer) -> transfer.id().equals(transferId)).findFirst();
	}

	/**
	 * Records that the file was sent: a step, a "record transferred out" entry on the
	 * chronology and an audit event.
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public Optional<Transfer> recordSent(HavenUser by, UUID pupilId, UUID transferId, Instant sentAt, String how) {
		Optional<Transfer> transfer = find(by, pupilId, transferId).filter((found) -> !found.received());
		transfer.ifPresent((found) -> {
			UUID entry = this.chronology.record(NewEntry
				.of(by.schoolId(), pupilId, EntryKind.RECORD_TRANSFERRED_OUT, sentAt, by.id(),
						"Child protection file sent to " + found.destinationName())
				.withDetails(destinationDetails(found, List.of(new Detail("how", "How it was sent", how)))));
			step(found, "SENT", sentAt, by, how, null, entry);
			this.audit.record("TRANSFER_SENT", "pupil", pupilId, "to " + found.destinationName() + ", " + how);
		});
		return transfer;
	}

	/**
	 * Records the receiving school's confirmation of receipt, which closes the transfer:
	 * a step, a "receipt confirmed" entry and an audit event.
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public Optional<Transfer> recordReceipt(HavenUser by, UUID pupilId, UUID transferId, Instant confirmedAt,
			String confirmedBy, String how) {
		Optional<Transfer> transfer = find(by, pupilId, transferId).filter((found) -> !found.received());
		transfer.ifPresent((found) -> {
			UUID entry = this.chronology.record(NewEntry
				.of(by.schoolId(), pupilId, EntryKind.RECEIPT_CONFIRMED, confirmedAt, by.id(),
						"Receipt confirmed by " + found.destinationName())
				.withDetails(destinationDetails(found, List.of(new Detail("confirmedBy", "Confirmed by", confirmedBy),
						new Detail("how", "How it was confirmed", how)))));
			step(found, "RECEIPT", confirmedAt, by, how, confirmedBy, entry);
			this.audit.record("TRANSFER_RECEIPT_CONFIRMED", "pupil", pupilId,
					"by " + confirmedBy + " at " + found.destinationName());
		});
		return transfer;
	}

	/**
	 * Records that a package was produced, in the transaction that records its
	 * disclosure.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void packaged(Transfer transfer, HavenUser by, int documents) {
		step(transfer, "PACKAGE", this.clock.instant(), by, null, null, null);
		this.audit.record("TRANSFER_PACKAGE_PRODUCED", "pupil", transfer.pupilId(), "for " + transfer.destinationName()
				+ ": chronology PDF and " + documents + ((documents == 1) ? " document" : " documents"));
	}

	private void step(Transfer transfer, String kind, Instant happenedAt, HavenUser by, String how, String confirmedBy,
			UUID entry) {
		this.jdbc
			.sql("""
					insert into transfer_step (id, transfer_id, kind, happened_at, recorded_at, recorded_by, how, confirmed_by,
					entry_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), transfer.id(), kind, Timestamp.from(happenedAt),
					Timestamp.from(this.clock.instant()), by.id(), how, confirmedBy, entry)
			.update();
	}

	private static List<Detail> destinationDetails(Transfer transfer, List<Detail> more) {
		List<Detail> details = new ArrayList<>();
		details.add(new Detail("school", "School", transfer.destinationName()
				+ ((transfer.destinationUrn() != null) ? " (URN " + transfer.destinationUrn() + ")" : "")));
		if (transfer.destinationDslName() != null) {
			details.add(new Detail("dsl", "Their DSL", transfer.destinationDslName()
					+ ((transfer.destinationDslEmail() != null) ? ", " + transfer.destinationDslEmail() : "")));
		}
		more.stream().filter((detail) -> detail.value() != null).forEach(details::add);
		return details;
	}

	private List<Transfer> read(HavenUser reader, String where, Object... params) {
		record Row(UUID id, UUID pupilId, String name, String upn, LocalDate leftOn, LocalDate dueOn,
				String destination, String urn, String dslName, String dslEmail) {
		}
		List<Row> rows = this.jdbc.sql("""
				select t.id, t.pupil_id, p.display_name, p.upn, t.left_on, t.due_on, t.destination_name,
				t.destination_urn, t.destination_dsl_name, t.destination_dsl_email
				from transfer t join pupil_name p on p.id = t.pupil_id where""" + " " + where)
			.params(params)
			.query((row, number) -> new Row(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
					row.getString(3), row.getString(4), row.getObject(5, LocalDate.class),
					row.getObject(6, LocalDate.class), row.getString(7), row.getString(8), row.getString(9),
					row.getString(10)))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<UUID, List<Transfer.Step>> steps = new LinkedHashMap<>();
		this.jdbc.sql("""
				select s.transfer_id, s.kind, s.happened_at, s.recorded_at, n.name, s.how, s.confirmed_by
				from transfer_step s join staff_name n on n.id = s.recorded_by
				where s.transfer_id = any(cast(? as uuid[])) order by s.recorded_at""")
			.param(rows.stream().map((row) -> row.id().toString()).toArray(String[]::new))
			.query((row, number) -> Map.entry(row.getObject(1, UUID.class),
					new Transfer.Step(Transfer.Step.Kind.valueOf(row.getString(2)), row.getTimestamp(3).toInstant(),
							row.getTimestamp(4).toInstant(), row.getString(5), row.getString(6), row.getString(7))))
			.list()
			.forEach((step) -> steps.computeIfAbsent(step.getKey(), (id) -> new ArrayList<>()).add(step.getValue()));
		LocalDate today = LocalDate.now(this.clock.withZone(SchoolTime.ZONE));
		LocalDate first = rows.stream().map(Row::dueOn).min(LocalDate::compareTo).orElse(today);
		LocalDate last = rows.stream().map(Row::dueOn).max(LocalDate::compareTo).orElse(today);
		SchoolDays days = this.terms.schoolDays(reader.schoolId(), first.isBefore(today) ? first : today,
				last.isAfter(today) ? last : today);
		return rows.stream()
			.map((row) -> new Transfer(row.id(), row.pupilId(), row.name(), row.upn(), row.leftOn(), row.dueOn(),
					days.schoolDaysBetween(today, row.dueOn()), row.destination(), row.urn(), row.dslName(),
					row.dslEmail(), steps.getOrDefault(row.id(), List.of())))
			.toList();
	}

}
