package org.haven.chronology;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.accounts.AccessLevels;
import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.accounts.Role;
import org.haven.audit.AuditTrail;
import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;
import org.haven.system.SchoolTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * What the DSL team writes on a chronology by hand: entries of each kind, amendments and
 * referral outcomes. A member of the safeguarding team writes only within their granted
 * categories; only the DSL marks an entry DSL-only. Each entry is audited.
 */
@Service
public class ChronologyWriting {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm")
		.withZone(SchoolTime.ZONE);

	private final Chronology chronology;

	private final JdbcClient jdbc;

	private final SafeguardingCategories categories;

	private final AccessLevels access;

	private final AuditTrail audit;

	private final Clock clock;

	ChronologyWriting(Chronology chronology, JdbcClient jdbc, SafeguardingCategories categories, AccessLevels access,
			AuditTrail audit, Clock clock) {
		this.clock = clock;
		this.chronology = chronology;
		this.jdbc = jdbc;
		this.categories = categories;
		this.access = access;
		this.audit = audit;
	}

	/**
	 * @return the categories the person may tie an entry to: the DSL any active one, a
	 * deputy any that is not restricted, a member of the safeguarding team those granted
	 * to them
	 */
	@Transactional(readOnly = true)
	public Set<UUID> writableCategories(HavenUser writer) {
		Set<UUID> granted = writer.isDslTeam() ? Set.of() : this.access.grantedCategories(writer.id());
		return this.categories.all()
			.stream()
			.filter(Category::active)
			.filter((category) -> NeedToKnow.readsInFull(writer, granted, category))
			.map(Category::id)
			.collect(Collectors.toSet());
	}

	/**
	 * @return the concerns on the child's chronology that the person may open, by
	 * reference
	 */
	public Map<UUID, String> concernsOn(HavenUser viewer, UUID pupilId) {
		return this.chronology.concernsOn(viewer, pupilId);
	}

	/**
	 * @return the categories the person may tie an entry to, as a form offers them: id to
	 * name, in the school's order
	 */
	@Transactional(readOnly = true)
	public Map<String, String> categoryChoices(HavenUser writer) {
		Set<UUID> writable = writableCategories(writer);
		Map<String, String> choices = new LinkedHashMap<>();
		this.categories.all()
			.stream()
			.filter((category) -> writable.contains(category.id()))
			.forEach((category) -> choices.put(category.id().toString(), category.name()));
		return choices;
	}

	/**
	 * @return the concerns on the child's chronology the person may tie an entry to, as a
	 * form offers them: id to reference
	 */
	@Transactional(readOnly = true)
	public Map<String, String> concernChoices(HavenUser viewer, UUID pupilId) {
		Map<String, String> choices = new LinkedHashMap<>();
		concernsOn(viewer, pupilId).forEach((concernId, reference) -> choices.put(concernId.toString(), reference));
		return choices;
	}

	/**
	 * Adds an entry the person wrote. An entry tied to a concern takes its categories
	 * too.
	 * @return the entry, or empty if the person may not see this chronology
	 */
	@Transactional
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<UUID> add(HavenUser writer, UUID pupilId, EntryKind kind, EntryForms.Draft draft) {
		if (!this.chronology.mayView(writer, pupilId)) {
			return Optional.empty();
		}
		UUID id = recordTied(writer,
				NewEntry.of(writer.schoolId(), pupilId, kind, draft.occurredAt(), writer.id(), draft.summary())
					.withBody(draft.body())
					.withDetails(draft.details()),
				new Ties(draft.categoryIds(), draft.concernId(), draft.restricted()));
		this.audit.record("CHRONOLOGY_ENTRY_ADDED", "pupil", pupilId, kind.label());
		return Optional.of(id);
	}

	/**
	 * Records an entry tied as its writer chose, once the ties are checked as theirs to
	 * choose. An entry tied to a concern takes the concern's categories too.
	 */
	private UUID recordTied(HavenUser writer, NewEntry entry, Ties ties) {
		if (!writableCategories(writer).containsAll(ties.categoryIds())
				|| (ties.concernId() != null && !concernsOn(writer, entry.pupilId()).containsKey(ties.concernId()))
				|| (ties.restricted() && !writer.has(Role.DSL))) {
			throw new IllegalArgumentException("Not the writer's to tie the entry to");
		}
		Set<UUID> tiedTo = new HashSet<>(ties.categoryIds());
		if (ties.concernId() != null) {
			tiedTo.addAll(concernCategories(ties.concernId()));
		}
		return this.chronology.record(entry.withCategories(tiedTo)
			.withRestricted(ties.restricted())
			.withLinks(NewEntry.Links.concern(ties.concernId())));
	}

	/**
	 * Checks what the writer chose to tie an entry to (fields {@code concernId},
	 * {@code categoryIds} and {@code restricted}), recording each problem against its
	 * field.
	 * @return the ties as checked (meaningful only if there were no errors)
	 */
	@Transactional(readOnly = true)
	public Ties checkTies(HavenUser writer, UUID pupilId, List<String> categoryIds, String concernId, String restricted,
			Errors errors) {
		return EntryForms.ties(errors, allowed(writer, pupilId, null), categoryIds, concernId, restricted);
	}

	EntryForms.Allowed allowed(HavenUser writer, UUID pupilId, LocalDateTime now) {
		boolean team = !writer.isDslTeam();
		return new EntryForms.Allowed(writableCategories(writer), concernsOn(writer, pupilId).keySet(),
				writer.has(Role.DSL), team, now);
	}

	/**
	 * Records that a document was uploaded to the child's chronology: on its own, now,
	 * tied as the writer chose; or belonging to a meeting, communication or referral the
	 * writer may open, at that entry's time and tied as it is (a meeting's typed notes
	 * sit with the meeting). The entry's recorded time and writer say when and by whom it
	 * was uploaded.
	 * @param belongsTo the entry it belongs to, or {@code null}
	 * @return the entry, or empty if the person may not see this chronology or that entry
	 */
	@Transactional
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<UUID> addDocument(HavenUser writer, UUID pupilId, UUID belongsTo, Ties ties, String summary,
			List<Detail> details) {
		if (!this.chronology.mayView(writer, pupilId)) {
			return Optional.empty();
		}
		if (belongsTo != null) {
			return this.chronology.entry(writer, pupilId, belongsTo)
				.filter((original) -> original.kind().takesDocuments())
				.map((original) -> follow(writer, pupilId, belongsTo, EntryKind.DOCUMENT_UPLOADED,
						original.occurredAt(), summary, null, details, false));
		}
		return Optional.of(recordTied(writer,
				NewEntry
					.of(writer.schoolId(), pupilId, EntryKind.DOCUMENT_UPLOADED, this.clock.instant(), writer.id(),
							summary)
					.withDetails(details),
				ties));
	}

	/**
	 * Corrects an entry: an amendment that names it and says why. The original stays as
	 * it was, shown as amended. The amendment is tied to what the original was tied to.
	 * @return the amendment, or empty if the person may not open the original
	 */
	@Transactional
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<UUID> amend(HavenUser writer, UUID pupilId, UUID originalId, String reason, String corrected) {
		return this.chronology.entry(writer, pupilId, originalId)
			.filter((original) -> original.kind().amendable())
			.map((original) -> {
				UUID id = follow(writer, pupilId, originalId, EntryKind.AMENDMENT, this.clock.instant(),
						"Amends the " + original.kind().label().toLowerCase(Locale.ROOT) + " of "
								+ WHEN.format(original.occurredAt()),
						corrected, List.of(new Detail("reason", "Reason for the amendment", reason)), true);
				this.audit.record("CHRONOLOGY_ENTRY_AMENDED", "pupil", pupilId, "entry " + originalId);
				return id;
			});
	}

	/**
	 * Records what came of a referral, linked to it.
	 * @return the entry, or empty if the person may not open the referral
	 */
	@Transactional
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<UUID> recordOutcome(HavenUser writer, UUID pupilId, UUID referralId, Instant occurredAt,
			String outcome) {
		return this.chronology.entry(writer, pupilId, referralId)
			.filter((referral) -> referral.kind() == EntryKind.REFERRAL)
			.map((referral) -> {
				String agency = referral.details()
					.stream()
					.filter((detail) -> detail.key().equals("agency"))
					.map(Detail::value)
					.findFirst()
					.orElse("the agency");
				UUID id = follow(writer, pupilId, referralId, EntryKind.REFERRAL_OUTCOME, occurredAt,
						"Outcome of the referral to " + agency, outcome, List.of(), false);
				this.audit.record("CHRONOLOGY_ENTRY_ADDED", "pupil", pupilId, EntryKind.REFERRAL_OUTCOME.label());
				return id;
			});
	}

	private UUID follow(HavenUser writer, UUID pupilId, UUID originalId, EntryKind kind, Instant occurredAt,
			String summary, String body, List<Detail> details, boolean amends) {
		record Original(UUID[] categories, boolean restricted, UUID concernId) {
		}
		Original original = this.jdbc
			.sql("select category_ids, restricted, concern_id from chronology_entry where id = ? and pupil_id = ?")
			.params(originalId, pupilId)
			.query((row, number) -> new Original((UUID[]) row.getArray(1).getArray(), row.getBoolean(2),
					row.getObject(3, UUID.class)))
			.single();
		return this.chronology.record(NewEntry.of(writer.schoolId(), pupilId, kind, occurredAt, writer.id(), summary)
			.withBody(body)
			.withDetails(details)
			.withCategories(Set.of(original.categories()))
			.withRestricted(original.restricted())
			.withLinks(new NewEntry.Links(original.concernId(), amends ? originalId : null, amends ? null : originalId,
					null)));
	}

	private Set<UUID> concernCategories(UUID concernId) {
		return Set.copyOf(this.jdbc.sql("select category_id from concern_tag where concern_id = ?")
			.param(concernId)
			.query(UUID.class)
			.list());
	}

}
