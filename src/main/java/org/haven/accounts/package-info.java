/**
 * Staff accounts, their roles and category grants, sign-in and second factors, and the
 * security configuration that enforces who may reach which route. The public face is
 * {@link org.haven.accounts.StaffAccounts}, the {@link org.haven.accounts.Role}
 * vocabulary and the signed-in {@link org.haven.accounts.HavenUser}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts",
		allowedDependencies = { "school", "audit", "mail", "keys" })
package org.haven.accounts;
