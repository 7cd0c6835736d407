package org.haven.system;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;

import org.junit.jupiter.api.Test;

import org.springframework.validation.Errors;
import org.springframework.validation.MapBindingResult;

import static org.assertj.core.api.Assertions.assertThat;

class DatePartsTests {

	@Test
	void realPartsMakeADateOrADateAndTime() {
		assertThat(new DateParts(" 27 ", "3", "2026", "14", "05").toLocalDateTime())
			.isEqualTo(LocalDateTime.of(2026, 3, 27, 14, 5));
		assertThat(DateParts.date("29", "2", "2024").toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 29));
	}

	@Test
	void partsThatAreNotARealDateMakeNone() {
		assertThat(DateParts.date("29", "2", "2026").toLocalDate()).isNull();
		assertThat(DateParts.date("1", "13", "2026").toLocalDate()).isNull();
		assertThat(DateParts.date("one", "1", "2026").toLocalDate()).isNull();
		assertThat(DateParts.date(null, "1", "2026").toLocalDate()).isNull();
		assertThat(new DateParts("1", "1", "2026", "24", "00").toLocalDateTime()).isNull();
		assertThat(DateParts.date("1", "1", "2026").toLocalDateTime()).as("a date alone has no time").isNull();
	}

	@Test
	void aFormStartsAtTheTimeWithTheMinuteAsAClockShowsIt() {
		DateParts parts = DateParts.of(LocalDateTime.of(2026, 3, 7, 9, 5));
		assertThat(parts).isEqualTo(new DateParts("7", "3", "2026", "9", "05"));
		assertThat(parts.blank()).isFalse();
		assertThat(new DateParts(" ", null, "", null, null).blank()).isTrue();
	}

	@Test
	void whenSomethingHappenedMustBeRealPastAndNotTooOld() {
		LocalDateTime now = LocalDateTime.of(2026, 3, 27, 14, 30);
		assertThat(happened(new DateParts("27", "3", "2026", "14", "30"), now)).isEqualTo(now);
		assertThat(errorFor(new DateParts("31", "2", "2026", "10", "00"), now)).isEqualTo(DateParts.REAL_DATE_TIME);
		assertThat(errorFor(new DateParts("27", "3", "2026", "14", "31"), now)).isEqualTo(DateParts.IN_THE_PAST);
		assertThat(errorFor(new DateParts("27", "3", "2020", "14", "30"), now)).isEqualTo("Too old");
	}

	private static LocalDateTime happened(DateParts parts, LocalDateTime now) {
		Errors errors = new MapBindingResult(new HashMap<>(), "form");
		LocalDateTime happened = parts.happened(errors, "occurred", now, now.minusYears(5), "Too old");
		assertThat(errors.hasErrors()).isFalse();
		return happened;
	}

	private static String errorFor(DateParts parts, LocalDateTime now) {
		Errors errors = new MapBindingResult(new HashMap<>(), "form");
		assertThat(parts.happened(errors, "occurred", now, now.minusYears(5), "Too old")).isNull();
		return errors.getFieldError("occurred").getDefaultMessage();
	}

}
