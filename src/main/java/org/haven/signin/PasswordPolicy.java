package org.haven.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.springframework.stereotype.Component;

/**
 * NCSC and NIST SP 800-63B: length over complexity. At least 12 characters, no
 * composition rules, and refused when it is guessable: a common password, a keyboard
 * pattern, or built from the person's own name or email (zxcvbn, with those as its user
 * dictionary).
 */
@Component
class PasswordPolicy {

	static final int MINIMUM_LENGTH = 12;

	static final int MAXIMUM_LENGTH = 128;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	/**
	 * @return why the password is refused, or empty if it is good
	 */
	Optional<String> problem(String password, String name, String email) {
		if (password == null || password.isEmpty()) {
			return Optional.of("Enter a password");
		}
		if (password.length() < MINIMUM_LENGTH) {
			return Optional.of("Password must be at least " + MINIMUM_LENGTH + " characters");
		}
		if (password.length() > MAXIMUM_LENGTH) {
			return Optional.of("Password must be " + MAXIMUM_LENGTH + " characters or fewer");
		}
		List<String> personal = personalWords(name, email);
		String lower = password.toLowerCase(Locale.ROOT);
		if (personal.stream().anyMatch(lower::contains)) {
			return Optional.of("Password must not contain your name or email address");
		}
		Strength strength = this.zxcvbn.measure(password, personal);
		if (strength.getScore() < 3) {
			return Optional.of("Password is too easy to guess: try three or four random words together");
		}
		return Optional.empty();
	}

	private static List<String> personalWords(String name, String email) {
		List<String> words = new ArrayList<>();
		for (String part : (name + " " + email.replace('@', ' ').replace('.', ' ')).toLowerCase(Locale.ROOT)
			.split("[^\\p{L}\\p{N}]+")) {
			if (part.length() >= 3 && !List.of("example", "com", "org", "net", "sch", "gov").contains(part)) {
				words.add(part);
			}
		}
		String local = email.toLowerCase(Locale.ROOT);
		int at = local.indexOf('@');
		if (at > 2) {
			words.add(local.substring(0, at));
		}
		return words;
	}

}
