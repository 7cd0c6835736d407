package org.haven.documents;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedFileTests {

	@Test
	void aLongNameIsCutTo200CharactersKeepingItsExtension() {
		assertThat(ReceivedFile.label("x".repeat(5000) + ".docx")).hasSize(200).endsWith("x.docx");
	}

	@Test
	void aLongNameIsNeverCutInTheMiddleOfACharacter() {
		// 195 letters, then emoji (two chars each in Java): the cut falls inside one.
		String label = ReceivedFile.label("a".repeat(195) + "\uD83D\uDE00".repeat(10) + ".pdf");
		assertThat(label).endsWith(".pdf").hasSizeLessThanOrEqualTo(200);
		assertThat(label.codePoints().noneMatch((c) -> Character.isSurrogate((char) c))).isTrue();
		assertThat(label.substring(0, label.length() - 4).codePoints().allMatch((c) -> c == 'a' || c == 0x1F600))
			.isTrue();
	}

}
