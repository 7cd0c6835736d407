package org.haven.pupils;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UpnTests {

	@Test
	void checkLetterIsTheWeightedSumModulo23() {
		// 2x0 + 3x0 + ... + 13x1 = 13: remainder 13 is the fourteenth letter without I
		// and O, "P".
		assertThat(Upn.checkLetter("000000000001")).isEqualTo('P');
		// 2x1 = 2: "C". All zeros: "A".
		assertThat(Upn.checkLetter("100000000000")).isEqualTo('C');
		assertThat(Upn.checkLetter("000000000000")).isEqualTo('A');
	}

	@Test
	void validUpnHasTheRightCheckLetter() {
		String body = "999200122001";
		String upn = Upn.checkLetter(body) + body;
		assertThat(Upn.isValid(upn)).isTrue();
		char wrong = (upn.charAt(0) == 'A') ? 'B' : 'A';
		assertThat(Upn.isValid(wrong + body)).isFalse();
	}

	@Test
	void temporaryUpnEndsInALetterCountedByItsPlaceInTheCheckAlphabet() {
		// A final "B" counts as 1, exactly as a final digit 1 would.
		assertThat(Upn.checkLetter("00000000000B")).isEqualTo(Upn.checkLetter("000000000001"));
		String body = "99920012200A";
		assertThat(Upn.isValid(Upn.checkLetter(body) + body)).isTrue();
	}

	@Test
	void wrongShapesAreInvalid() {
		assertThat(Upn.isValid(null)).isFalse();
		assertThat(Upn.isValid("")).isFalse();
		assertThat(Upn.isValid("A12345678901")).isFalse();
		assertThat(Upn.isValid("A1234567890123")).isFalse();
		assertThat(Upn.isValid("A12345X789012")).isFalse();
		assertThat(Upn.isValid("a999200122001")).isFalse();
		assertThat(Upn.isValid("P00000000000I")).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> Upn.checkLetter("123"));
	}

}
