package org.haven.concerns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A concern's screening history as the DSL team reads it on the concern's page: each
 * screening, closing and reopening, with what was decided about telling each child's
 * parents or carers. {@link ConcernScreening} writes it.
 */
@Service
public class ScreeningHistory {

	private final JdbcClient jdbc;

	ScreeningHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One step in a concern's screening history.
	 */
	public record Step(String step, String riskLevel, String decision, Boolean referralMade, String rationale,
			String noReferralReason, String outcome, String recordedBy, Instant recordedAt,
			List<ContactMade> contacts) {

		public String riskLabel() {
			return ConcernScreening.RISK_LEVELS.get(this.riskLevel);
		}

		public String decisionLabel() {
			return ConcernScreening.DECISIONS.get(this.decision);
		}

	}

	/**
	 * What was decided about one child's parents or carers.
	 */
	public record ContactMade(String pupilName, String decision, String note) {

		public String decisionLabel() {
			return ConcernScreening.CONTACTS.get(this.decision);
		}

	}

	/**
	 * @return the concern's steps, oldest first, in two statements
	 */
	@Transactional(readOnly = true)
	public List<Step> history(UUID concernId, Map<UUID, String> pupilNames) {
		Map<UUID, List<ContactMade>> contacts = new LinkedHashMap<>();
		this.jdbc.sql("""
				select pc.screening_id, pc.pupil_id, pc.decision, pc.note from concern_parent_contact pc
				join concern_screening s on s.id = pc.screening_id where s.concern_id = ?""")
			.param(concernId)
			.query((row, number) -> {
				contacts.computeIfAbsent(row.getObject(1, UUID.class), (id) -> new ArrayList<>())
					.add(new ContactMade(pupilNames.getOrDefault(row.getObject(2, UUID.class), "A child"),
							row.getString(3), row.getString(4)));
				return null;
			})
			.list();
		return this.jdbc.sql("""
				select s.id, s.step, s.risk_level, s.decision, s.referral_made, s.rationale, s.no_referral_reason,
				s.outcome, a.name, s.recorded_at from concern_screening s join staff_name a on a.id = s.recorded_by
				where s.concern_id = ? order by s.recorded_at, s.id""")
			.param(concernId)
			.query((row, number) -> new Step(row.getString(2), row.getString(3), row.getString(4),
					(Boolean) row.getObject(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
					row.getTimestamp(10).toInstant(),
					contacts.getOrDefault(row.getObject(1, UUID.class), Collections.emptyList())))
			.list();
	}

}
