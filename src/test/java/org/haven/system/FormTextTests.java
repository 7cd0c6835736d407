package org.haven.system;

import java.util.HashMap;

import org.junit.jupiter.api.Test;

import org.springframework.validation.Errors;
import org.springframework.validation.MapBindingResult;

import static org.assertj.core.api.Assertions.assertThat;

class FormTextTests {

	@Test
	void blankIsNoAnswerAndTheSpacesAroundAnAnswerGo() {
		assertThat(FormText.blankToNull(null)).isNull();
		assertThat(FormText.blankToNull(" \n\t")).isNull();
		assertThat(FormText.blankToNull("  <b>kept</b> exactly \n")).isEqualTo("<b>kept</b> exactly");
	}

	@Test
	void aRequiredAnswerIsGivenAndWithinItsLimit() {
		Errors errors = errors();
		assertThat(FormText.required(errors, "answer", " yes ", 3, "Say")).isEqualTo("yes");
		assertThat(errors.hasErrors()).isFalse();

		errors = errors();
		assertThat(FormText.required(errors, "answer", "  ", 3, "Say something")).isNull();
		assertThat(errors.getFieldError("answer").getCode()).isEqualTo("required");
		assertThat(errors.getFieldError("answer").getDefaultMessage()).isEqualTo("Say something");

		errors = errors();
		assertThat(FormText.required(errors, "answer", "x".repeat(10001), 10000, "Say")).isNull();
		assertThat(errors.getFieldError("answer").getCode()).isEqualTo("size");
		assertThat(errors.getFieldError("answer").getDefaultMessage()).isEqualTo(FormText.tooLong(10000));
	}

	@Test
	void anOptionalAnswerMayBeBlankButNotTooLong() {
		Errors errors = errors();
		assertThat(FormText.optional(errors, "answer", " ", 3)).isNull();
		assertThat(errors.hasErrors()).isFalse();
		assertThat(FormText.optional(errors, "answer", "four", 3)).isNull();
		assertThat(errors.getFieldError("answer").getCode()).isEqualTo("size");
	}

	private static Errors errors() {
		return new MapBindingResult(new HashMap<>(), "form");
	}

}
