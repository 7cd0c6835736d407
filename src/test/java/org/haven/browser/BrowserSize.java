package org.haven.browser;

/**
 * The sizes every browser journey runs at: a desktop window and a phone held upright (390
 * × 844 CSS pixels, as an iPhone 12 to 15).
 */
public enum BrowserSize {

	DESKTOP("desktop", 1280, 1024), PHONE("phone", 390, 844);

	private final String label;

	private final int width;

	private final int height;

	BrowserSize(String label, int width, int height) {
		this.label = label;
		this.width = width;
		this.height = height;
	}

	public String label() {
		return this.label;
	}

	public int width() {
		return this.width;
	}

	public int height() {
		return this.height;
	}

	@Override
	public String toString() {
		return this.label + " " + this.width + "×" + this.height;
	}

}
