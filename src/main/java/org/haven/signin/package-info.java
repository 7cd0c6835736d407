/**
 * How staff prove who they are: passwords (policy, hashing, setting and resetting them
 * from an emailed link), the sign-in throttle, second factors (authenticator app,
 * recovery codes, passkeys), each person's own sign-in settings, and the security
 * configuration that enforces who may reach which route. It reads and writes staff
 * accounts only through {@link org.haven.accounts.StaffCredentials}, and answers
 * {@link org.haven.accounts.SecondFactorSummaries} for accounts.
 */
@ApplicationModule(displayName = "Sign-in", allowedDependencies = { "accounts", "audit", "keys", "mail", "system" })
package org.haven.signin;

import org.springframework.modulith.ApplicationModule;
