package org.haven.pupils;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pupil CSV imports: the file is kept as uploaded, previewed as a plan against the
 * directory as it is now, and applied on confirmation in one transaction. Importing the
 * same file twice changes nothing the second time, since rows that already match the
 * directory are left alone.
 */
@Service
class PupilImports {

	static final String IMPORTERS = "hasAnyRole('ADMIN', 'DSL')";

	private final JdbcClient jdbc;

	private final PupilRepository pupils;

	private final AuditTrail audit;

	private final Clock clock;

	PupilImports(JdbcClient jdbc, PupilRepository pupils, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.pupils = pupils;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Keeps an uploaded file for preview, if it can be read at all.
	 * @return the import's id, or why the file cannot be read
	 */
	@Transactional
	@PreAuthorize(IMPORTERS)
	public Upload upload(UUID schoolId, UUID uploadedBy, String fileName, byte[] content) {
		ImportPlan plan = plan(schoolId, content);
		if (!plan.readable()) {
			return new Upload(null, plan.fileProblem());
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into pupil_import (id, school_id, uploaded_by, uploaded_at, file_name, content, sha256)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, schoolId, uploadedBy, Timestamp.from(this.clock.instant()), fileName, content, sha256(content))
			.update();
		return new Upload(id, null);
	}

	record Upload(UUID id, String problem) {
	}

	/**
	 * @return the file's name and what it would do now, if this school has such an import
	 * not yet applied
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(IMPORTERS)
	public Optional<Preview> preview(UUID schoolId, UUID importId) {
		return pending(schoolId, importId).map((file) -> new Preview(file.fileName(), plan(schoolId, file.content())));
	}

	/**
	 * Applies an import: every addition and update in its plan, in one transaction, each
	 * audited; the rows with problems are left out.
	 * @return the plan that was applied, or empty if there is no such import waiting
	 */
	@Transactional
	@PreAuthorize(IMPORTERS)
	public Optional<ImportPlan> confirm(UUID schoolId, UUID importId) {
		Optional<PendingFile> file = this.jdbc
			.sql("select file_name, content from pupil_import where id = ? and school_id = ? and applied_at is null "
					+ "for update")
			.params(importId, schoolId)
			.query((row, number) -> new PendingFile(row.getString(1), row.getBytes(2)))
			.optional();
		if (file.isEmpty()) {
			return Optional.empty();
		}
		ImportPlan plan = plan(schoolId, file.get().content());
		if (!plan.readable()) {
			return Optional.empty();
		}
		for (ImportPlan.Addition addition : plan.additions()) {
			Pupil pupil = this.pupils.save(new Pupil(schoolId, addition.pupil(), this.clock.instant()));
			this.audit.record("PUPIL_ENROLLED", "pupil", pupil.getId(), "Enrolled from " + file.get().fileName()
					+ " line " + addition.line() + " (" + addition.pupil().upn() + ")");
		}
		Map<UUID, Pupil> changed = new HashMap<>();
		this.pupils.findAllById(plan.updates().stream().map(ImportPlan.Update::pupilId).toList())
			.forEach((pupil) -> changed.put(pupil.getId(), pupil));
		for (ImportPlan.Update update : plan.updates()) {
			List<String> lines = changed.get(update.pupilId()).apply(update.changes());
			this.audit.record("PUPIL_UPDATED", "pupil", update.pupilId(),
					"From " + file.get().fileName() + " line " + update.line() + "\n" + String.join("\n", lines));
		}
		this.jdbc.sql("update pupil_import set applied_at = ? where id = ?")
			.params(Timestamp.from(this.clock.instant()), importId)
			.update();
		this.audit.record("PUPILS_IMPORTED", "pupil_import", importId,
				file.get().fileName() + ": " + plan.additions().size() + " added, " + plan.updates().size()
						+ " updated, " + plan.unchanged() + " unchanged, " + plan.problems().size() + " rows left out");
		return Optional.of(plan);
	}

	record Preview(String fileName, ImportPlan plan) {
	}

	/**
	 * @return whether this school has this import and it has been applied already (a
	 * second click on confirm)
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(IMPORTERS)
	public boolean applied(UUID schoolId, UUID importId) {
		return this.jdbc
			.sql("select count(*) from pupil_import where id = ? and school_id = ? and applied_at is not null")
			.params(importId, schoolId)
			.query(Long.class)
			.single() > 0;
	}

	private record PendingFile(String fileName, byte[] content) {
	}

	private Optional<PendingFile> pending(UUID schoolId, UUID importId) {
		return this.jdbc
			.sql("select file_name, content from pupil_import where id = ? and school_id = ? and applied_at is null")
			.params(importId, schoolId)
			.query((row, number) -> new PendingFile(row.getString(1), row.getBytes(2)))
			.optional();
	}

	/**
	 * Matches each row to the school's pupils by UPN, in one query for the whole file
	 * (another school's pupil with the same UPN is their record there, not this one).
	 */
	ImportPlan plan(UUID schoolId, byte[] content) {
		PupilCsv.Contents contents = PupilCsv.read(content, LocalDate.now(this.clock));
		if (contents.problem() != null) {
			return ImportPlan.unreadable(contents.problem());
		}
		List<ImportPlan.Problem> problems = new ArrayList<>(contents.problems());
		Map<String, Pupil> existing = new HashMap<>();
		List<String> upns = contents.rows().stream().map(PupilCsv.Row::upn).distinct().toList();
		for (int from = 0; from < upns.size(); from += 1000) {
			this.pupils.findBySchoolIdAndUpnIn(schoolId, upns.subList(from, Math.min(upns.size(), from + 1000)))
				.forEach((pupil) -> existing.put(pupil.getUpn(), pupil));
		}
		List<ImportPlan.Addition> additions = new ArrayList<>();
		List<ImportPlan.Update> updates = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int unchanged = 0;
		for (PupilCsv.Row row : contents.rows()) {
			if (!seen.add(row.upn())) {
				problems.add(new ImportPlan.Problem(row.line(), "UPN " + row.upn() + " appears earlier in the file"));
				continue;
			}
			Pupil pupil = existing.get(row.upn());
			if (pupil == null) {
				PupilChanges fields = row.fields();
				additions.add(new ImportPlan.Addition(row.line(),
						new NewPupil(row.upn(), fields.legalForename(), fields.legalSurname(),
								fields.preferredForename(), null, fields.dateOfBirth(), fields.gender(),
								fields.yearGroup(), fields.className(), fields.enrolledOn(), fields.flags())));
			}
			else {
				PupilDetails current = pupil.toDetails();
				PupilChanges fields = row.fields();
				// The file says nothing of flags or preferred surnames, and a file
				// without a Class column says
				// nothing of classes: those stay as they are.
				PupilChanges changes = new PupilChanges(fields.legalForename(), fields.legalSurname(),
						fields.preferredForename(), current.preferredSurname(), fields.dateOfBirth(), fields.gender(),
						fields.yearGroup(), row.hasClassColumn() ? fields.className() : current.className(),
						fields.enrolledOn(), current.flags());
				List<String> changed = differences(current, changes);
				if (changed.isEmpty()) {
					unchanged++;
				}
				else {
					updates
						.add(new ImportPlan.Update(row.line(), pupil.getId(), current.legalName(), changes, changed));
				}
			}
		}
		problems.sort(Comparator.comparingLong(ImportPlan.Problem::line));
		return new ImportPlan(null, additions, updates, unchanged, problems);
	}

	/**
	 * What applying the changes would change, worked out on a copy so that nothing is
	 * touched before confirmation.
	 */
	private static List<String> differences(PupilDetails current, PupilChanges changes) {
		Pupil copy = new Pupil(null, new NewPupil(current.upn(), current.legalForename(), current.legalSurname(),
				current.preferredForename(), current.preferredSurname(), current.dateOfBirth(), current.gender(),
				current.yearGroup(), current.className(), current.enrolledOn(), current.flags()), null);
		return copy.apply(changes);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
