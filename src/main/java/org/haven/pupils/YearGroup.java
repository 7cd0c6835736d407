package org.haven.pupils;

import java.util.Arrays;
import java.util.Optional;

/**
 * The national curriculum year a pupil is in, as the DfE codes it (N1, N2, R, 1 to 14).
 */
public enum YearGroup {

	N1("N1", "Nursery 1"), N2("N2", "Nursery 2"), RECEPTION("R", "Reception"), YEAR_1("1", "Year 1"),
	YEAR_2("2", "Year 2"), YEAR_3("3", "Year 3"), YEAR_4("4", "Year 4"), YEAR_5("5", "Year 5"), YEAR_6("6", "Year 6"),
	YEAR_7("7", "Year 7"), YEAR_8("8", "Year 8"), YEAR_9("9", "Year 9"), YEAR_10("10", "Year 10"),
	YEAR_11("11", "Year 11"), YEAR_12("12", "Year 12"), YEAR_13("13", "Year 13"), YEAR_14("14", "Year 14");

	private final String code;

	private final String label;

	YearGroup(String code, String label) {
		this.code = code;
		this.label = label;
	}

	/**
	 * @return the DfE code, as stored and as in a CSV or CTF file
	 */
	public String code() {
		return this.code;
	}

	public String label() {
		return this.label;
	}

	public static Optional<YearGroup> ofCode(String code) {
		return Arrays.stream(values()).filter((year) -> year.code.equalsIgnoreCase(code.trim())).findFirst();
	}

}
