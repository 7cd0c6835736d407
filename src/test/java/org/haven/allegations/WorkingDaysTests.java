package org.haven.allegations;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingDaysTests {

	@Test
	void theLadoIsDueByTheEndOfTheNextWorkingDay() {
		// Received on a Friday evening: due on Monday.
		assertThat(Allegations.ladoDue(Classification.ALLEGATION, Instant.parse("2026-12-04T18:00:00Z")))
			.isEqualTo(LocalDate.of(2026, 12, 7));
		// Received on Christmas Eve 2026 (a Thursday): Christmas Day and the substitute
		// Boxing Day are not working days.
		assertThat(Allegations.ladoDue(Classification.ALLEGATION, Instant.parse("2026-12-24T10:00:00Z")))
			.isEqualTo(LocalDate.of(2026, 12, 29));
		// Maundy Thursday 2026: Good Friday, the weekend and Easter Monday pass.
		assertThat(Allegations.ladoDue(Classification.ALLEGATION, Instant.parse("2026-04-02T09:00:00Z")))
			.isEqualTo(LocalDate.of(2026, 4, 7));
		// Just before midnight in England (23:30 BST is 22:30 UTC) is still that day.
		assertThat(Allegations.ladoDue(Classification.ALLEGATION, Instant.parse("2026-06-01T22:30:00Z")))
			.isEqualTo(LocalDate.of(2026, 6, 2));
		assertThat(Allegations.ladoDue(Classification.LOW_LEVEL, Instant.parse("2026-12-04T18:00:00Z"))).isNull();
	}

}
