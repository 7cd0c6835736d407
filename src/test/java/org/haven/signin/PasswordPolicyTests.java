package org.haven.signin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy();

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|',
			value = { "''|Enter a password", "eleven-char|at least 12 characters", "password12345|too easy to guess",
					"qwertyuiop123|too easy to guess", "aaaaaaaaaaaaaaaa|too easy to guess",
					"Helen-Carter-2026|must not contain your name", "carter1234567!|must not contain your name",
					"my hcarter address|must not contain your name" })
	void guessablePasswordsAreRefused(String password, String reason) {
		assertThat(this.policy.problem(password, "Helen Carter", "hcarter@oakfield.example"))
			.hasValueSatisfying((problem) -> assertThat(problem).contains(reason));
	}

	@ParameterizedTest
	@CsvSource({ "correct-kettle-lantern-42", "quiet orchard violin", "Tr0mb0ne!Sunset~Gravel" })
	void longUnguessablePasswordsAreAcceptedWithoutCompositionRules(String password) {
		assertThat(this.policy.problem(password, "Helen Carter", "hcarter@oakfield.example")).isEmpty();
	}

}
