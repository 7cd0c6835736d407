package org.haven.accounts;

import java.text.Normalizer;
import java.util.Locale;

/**
 * An email address is a person's username, so two spellings that look alike must be one
 * account: {@code ｄｓｌ@oakfield.example} (fullwidth letters), {@code DSL@oakfield.example}
 * and {@code dsl@oakfield.example} are the same address. Every address is brought to one
 * normal form before it is stored, compared, throttled or signed in with.
 */
public final class EmailAddresses {

	private EmailAddresses() {
	}

	/**
	 * @param email an address as typed
	 * @return its normal form: compatibility-normalised (NFKC, which turns fullwidth and
	 * other look-alike forms into plain ones), lower case in every locale, without
	 * surrounding spaces; {@code null} for {@code null}
	 */
	public static String normalise(String email) {
		if (email == null) {
			return null;
		}
		String folded = Normalizer.normalize(email, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
		// Lower-casing can leave a form NFKC would change again (a dotted capital I):
		// normalising once more makes the result the same however often it is applied.
		return Normalizer.normalize(folded, Normalizer.Form.NFKC);
	}

}
