package org.haven.accounts;

import java.util.UUID;

/**
 * Whether a person has a second factor, as the staff pages and the signed-in person need
 * to know it. The sign-in module keeps the factors and answers this; accounts only asks.
 */
public interface SecondFactorSummaries {

	/**
	 * @param staffId the account
	 * @return what second factors it has
	 */
	Summary summary(UUID staffId);

	/**
	 * What second factors a person has.
	 *
	 * @param any whether they have one to sign in with (an authenticator app or a
	 * passkey)
	 * @param recoveryCodesLeft recovery codes not yet used
	 */
	record Summary(boolean any, int recoveryCodesLeft) {
	}

}
