package org.haven.concerns;

import java.util.List;

/**
 * The body regions offered on the body map's list: the keyboard-usable alternative to
 * placing a mark on the outline.
 */
final class BodyRegions {

	static final List<String> ALL = List.of("Head (top)", "Face", "Left ear", "Right ear", "Neck", "Left shoulder",
			"Right shoulder", "Chest", "Abdomen", "Upper back", "Lower back", "Left upper arm", "Right upper arm",
			"Left forearm", "Right forearm", "Left wrist", "Right wrist", "Left hand", "Right hand", "Buttocks",
			"Genital area", "Left thigh", "Right thigh", "Left knee", "Right knee", "Left lower leg", "Right lower leg",
			"Left ankle", "Right ankle", "Left foot", "Right foot");

	private BodyRegions() {
	}

}
