package org.haven.pupils;

/**
 * The DfE unique pupil number: a check letter followed by twelve characters (LA code,
 * establishment number, year of allocation and serial; a temporary UPN ends in a letter).
 * The check letter is computed as the DfE's UPN guidance sets out: characters 2 to 13 are
 * weighted 2 to 13, summed, and the remainder modulo 23 indexes the alphabet without I, O
 * and S.
 */
public final class Upn {

	private static final String LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

	private Upn() {
	}

	/**
	 * @param upn a candidate UPN
	 * @return whether it is thirteen characters of the right shape with the right check
	 * letter
	 */
	public static boolean isValid(String upn) {
		if (upn == null || upn.length() != 13 || !upn.substring(1, 12).chars().allMatch(Character::isDigit)) {
			return false;
		}
		char last = upn.charAt(12);
		if (!Character.isDigit(last) && LETTERS.indexOf(last) < 0) {
			return false;
		}
		return upn.charAt(0) == checkLetter(upn.substring(1));
	}

	/**
	 * @param body the twelve characters after the check letter
	 * @return the check letter for them
	 */
	public static char checkLetter(String body) {
		if (body.length() != 12) {
			throw new IllegalArgumentException("A UPN has twelve characters after its check letter");
		}
		int sum = 0;
		for (int i = 0; i < 12; i++) {
			sum += value(body.charAt(i)) * (i + 2);
		}
		return LETTERS.charAt(sum % 23);
	}

	private static int value(char c) {
		if (Character.isDigit(c)) {
			return c - '0';
		}
		int index = LETTERS.indexOf(c);
		if (index < 0) {
			throw new IllegalArgumentException("Not a UPN character: " + c);
		}
		return index;
	}

}
