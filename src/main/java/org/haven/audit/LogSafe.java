package org.haven.audit;

/**
 * Makes a value someone typed safe to put in an application log line (OWASP ASVS V16):
 * line breaks and other control characters are written as escapes, so that a CR/LF in an
 * email address cannot forge a log line of its own.
 */
public final class LogSafe {

	private static final int LIMIT = 300;

	private LogSafe() {
	}

	/**
	 * @return the value with control characters escaped ({@code \r}, {@code \n},
	 * {@code \t}, {@code \u0007}...), cut to 300 characters, or {@code -} for none
	 */
	public static String encode(String value) {
		if (value == null) {
			return "-";
		}
		StringBuilder safe = new StringBuilder(Math.min(value.length(), LIMIT) + 16);
		value.codePoints().limit(LIMIT).forEach((c) -> {
			switch (c) {
				case '\r' -> safe.append("\\r");
				case '\n' -> safe.append("\\n");
				case '\t' -> safe.append("\\t");
				case '\\' -> safe.append("\\\\");
				default -> {
					if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85) {
						safe.append(String.format("\\u%04x", c));
					}
					else {
						safe.appendCodePoint(c);
					}
				}
			}
		});
		if (value.codePointCount(0, value.length()) > LIMIT) {
			safe.append("…");
		}
		return safe.toString();
	}

}
