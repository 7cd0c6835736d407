package org.haven.system;

/**
 * Characters that no one types into a form and that Haven will not store: the C0 and C1
 * control characters other than tab, carriage return and line feed (PostgreSQL refuses
 * the null byte outright; the others are invisible and can hide or garble what a record
 * says), and lone halves of a surrogate pair, which are not text at all (the database
 * driver would silently turn them into "?").
 */
final class ControlCharacters {

	/**
	 * What a refused character becomes in a form sent back for correction: visible, so
	 * the person can see where it was, and storable should anything save it regardless.
	 */
	static final char REPLACEMENT = '\uFFFD';

	private ControlCharacters() {
	}

	/**
	 * @return whether the text holds any character Haven refuses
	 */
	static boolean in(String text) {
		if (text == null) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (refusedAt(text, i)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @return the text with each refused character replaced by {@code replacement}, or
	 * removed where it is {@code null}
	 */
	static String replace(String text, Character replacement) {
		StringBuilder kept = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			if (!refusedAt(text, i)) {
				kept.append(text.charAt(i));
			}
			else if (replacement != null) {
				kept.append(replacement.charValue());
			}
		}
		return kept.toString();
	}

	private static boolean refusedAt(String text, int i) {
		char c = text.charAt(i);
		if (c < 0x20) {
			return c != '\t' && c != '\n' && c != '\r';
		}
		if (c >= 0x7F && c <= 0x9F) {
			return true;
		}
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
		}
		return false;
	}

}
