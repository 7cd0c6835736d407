package org.haven.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

	@ParameterizedTest(name = "[{0}] -> [{1}]")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "=SUM(A1:A9)|'=SUM(A1:A9)", "+44 1632|'+44 1632",
			"-2|'-2", "@cmd|'@cmd", "Ada Report|Ada Report", "3|3", "Up 2|Up 2", "a=b|a=b" })
	void aCellASpreadsheetWouldRunAsAFormulaIsText(String value, String safe) {
		assertThat(CsvCells.safe(value)).isEqualTo(safe);
	}

	@Test
	void aLeadingTabOrCarriageReturnIsNeutralisedToo() {
		assertThat(CsvCells.safe("\t=1+1")).isEqualTo("'\t=1+1");
		assertThat(CsvCells.safe("\r=1+1")).isEqualTo("'\r=1+1");
		assertThat(CsvCells.safe(null)).isEmpty();
	}

}
