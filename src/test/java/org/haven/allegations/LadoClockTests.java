package org.haven.allegations;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LadoClockTests {

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
		// The school holidays are working days: the LADO works through them. Received on
		// Wednesday 5 August 2026, in the summer holiday: due the next day.
		assertThat(Allegations.ladoDue(Classification.ALLEGATION, Instant.parse("2026-08-05T10:00:00Z")))
			.isEqualTo(LocalDate.of(2026, 8, 6));
		// The summer bank holiday (Monday 31 August 2026) is not: received the Friday
		// before, due on the Tuesday.
		assertThat(Allegations.ladoDue(Classification.ALLEGATION, Instant.parse("2026-08-28T10:00:00Z")))
			.isEqualTo(LocalDate.of(2026, 9, 1));
		assertThat(Allegations.ladoDue(Classification.LOW_LEVEL, Instant.parse("2026-12-04T18:00:00Z"))).isNull();
	}

}
