package org.haven.chronology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * To whom a child's chronology is disclosed and why, recorded before it is produced
 * (Working Together: record who information was shared with, why, and on what basis).
 *
 * @param submissionToken the form's one-time token
 * @param recipient who receives it (a key of {@link #RECIPIENTS})
 * @param recipientName the person, agency or school by name, or {@code null}
 * @param purpose why it is shared
 * @param lawfulBasis on what basis (a key of {@link #LAWFUL_BASES})
 * @param from the period's first day, or {@code null} for the whole chronology
 * @param to the period's last day, or {@code null}
 * @param childTold whether the child was told
 * @param childToldNote why the child was not told, or {@code null}
 */
public record Disclosure(UUID submissionToken, String recipient, String recipientName, String purpose,
		String lawfulBasis, LocalDate from, LocalDate to, boolean childTold, String childToldNote) {

	/** Who a chronology goes to, as the form offers them. */
	public static final Map<String, String> RECIPIENTS = ordered("POLICE", "Police", "CHILDRENS_SOCIAL_CARE",
			"Children’s social care", "COURT", "A court", "SCHOOL", "Another school", "SUBJECT_ACCESS",
			"Parent or carer (subject access request)", "OTHER_AGENCY", "Another agency");

	/** The lawful bases for handing over a chronology. */
	public static final Map<String, String> LAWFUL_BASES = ordered("SAFEGUARDING",
			"Safeguarding of children (DPA 2018 Schedule 1, paragraph 18)", "PUBLIC_TASK",
			"Public task (UK GDPR Article 6(1)(e))", "LEGAL_OBLIGATION", "Legal obligation (UK GDPR Article 6(1)(c))",
			"LEGAL_PROCEEDINGS", "Legal proceedings or a court order (DPA 2018 Schedule 2, paragraph 5)", "CRIME",
			"Prevention or detection of crime (DPA 2018 Schedule 2, paragraph 2)", "SUBJECT_ACCESS",
			"Right of access (UK GDPR Article 15)", "VITAL_INTERESTS", "Vital interests (UK GDPR Article 6(1)(d))",
			"CONSENT", "Consent (UK GDPR Article 6(1)(a))");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy");

	/**
	 * @return to whom, as the record and the PDF say it: "Police (PC Smith, Thames
	 * Valley)"
	 */
	public String recipientText() {
		String label = RECIPIENTS.getOrDefault(this.recipient, this.recipient);
		return (this.recipientName != null) ? label + " (" + this.recipientName + ")" : label;
	}

	public String lawfulBasisText() {
		return LAWFUL_BASES.getOrDefault(this.lawfulBasis, this.lawfulBasis);
	}

	/**
	 * @return the period, as the record says it
	 */
	public String periodText() {
		if (this.from == null && this.to == null) {
			return "The whole chronology";
		}
		return ((this.from != null) ? "From " + DAY.format(this.from) : "From the start")
				+ ((this.to != null) ? " to " + DAY.format(this.to) : " to today");
	}

	/**
	 * @return the entries it covers
	 */
	public ChronologyFilter filter() {
		return new ChronologyFilter(null, null, this.from, this.to);
	}

	/**
	 * A disclosure as recorded.
	 *
	 * @param id the disclosure
	 * @param pupilId the child
	 * @param recordedAt when
	 * @param recordedBy who recorded it, by name
	 * @param disclosure what they recorded
	 */
	public record Recorded(UUID id, UUID pupilId, Instant recordedAt, String recordedBy, Disclosure disclosure) {
	}

	@SuppressWarnings("unchecked")
	private static <K, V> Map<K, V> ordered(Object... pairs) {
		Map<K, V> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((K) pairs[i], (V) pairs[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

}
