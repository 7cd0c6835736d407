package org.haven.system;

/**
 * File names as labels: uploads and imports keep the name a person gave a file only to
 * show it again, never to find the file by.
 */
public final class FileNames {

	/** The longest label kept. */
	public static final int LIMIT = 200;

	private FileNames() {
	}

	/**
	 * Cuts a name to {@link #LIMIT} characters, keeping its extension (so that it still
	 * says what kind of file it is) and never cutting a character in half (an emoji is
	 * two chars in Java).
	 * @param name the name, already without path or control characters
	 * @return the name, or the cut name
	 */
	public static String cut(String name) {
		if (name.length() <= LIMIT) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String extension = (dot > 0 && name.length() - dot <= 10) ? name.substring(dot) : "";
		int end = LIMIT - extension.length();
		if (Character.isHighSurrogate(name.charAt(end - 1))) {
			end--;
		}
		return name.substring(0, end).strip() + extension;
	}

}
